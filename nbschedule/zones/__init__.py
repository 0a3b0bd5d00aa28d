"""Purpose policy zones: which data categories a schedule may read and write.

A catalogue maps datasets (connection + table, fnmatch patterns, first match wins) to
categories, and names zones with the categories they may read and the one they write.
``check_zone`` is pure: the operator, the server endpoint and the wizard call it alike.
"""

from .catalogue import CatalogueInvalid, category_of, load_catalogue
from .check import ZoneViolation, check_zone

__all__ = ["CatalogueInvalid", "ZoneViolation", "category_of", "check_zone", "load_catalogue"]
