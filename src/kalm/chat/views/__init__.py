"""Live chat views: the visitor's side (frameable by the widget) and the agents' side (desk)."""
