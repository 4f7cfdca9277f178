"""Bulk uploads of users, organisations and locations from CSV, as userorg-service runs them."""
