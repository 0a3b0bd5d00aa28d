# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Daily sales — Europe
#
# Reads **orders**, writes `daily_sales`.
#

# %% tags=["parameters"]
day = '2024-01-01'  # the logical date
regions = ['de', 'fr']

# %% magic_args="warehouse" language="sql"
# SELECT region, SUM(amount) AS total
# FROM orders
# WHERE day = :day
# GROUP BY region

# %%
import pandas as pd


totals = _
# %time summary = totals.describe()
# !ls -l

# %%
# %%upload totals --table daily_sales --mode append


# %%

# %% [raw]
# Not run: a note
# for reviewers

# %% tags=["a \"quoted\" tag", "b"]
print('fertig ✓')
