"""The internship pages (实习管理): lists, the new placement, one placement and its boxes, the
alerts list and the two dashboards. Each view calls the app's selectors and services."""
