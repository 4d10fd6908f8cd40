"""Demo data for `kalm load_demo`: a believable complaint desk written through the real actions."""
