"""acplans: inspection reports and landlords' action plans as checked, structured data."""
__version__ = "0.1.0"
