"""The agents' desk: inbox, case page, the case actions and evidence downloads."""
