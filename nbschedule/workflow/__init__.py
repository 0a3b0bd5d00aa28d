"""Workflows: several notebooks run as a graph (needs, fan-out, per-item retries).

Nothing is imported here: a generated Airflow DAG imports ``nbschedule.workflow.airflow_tasks``
while it is parsed, which must need Airflow alone.
"""
