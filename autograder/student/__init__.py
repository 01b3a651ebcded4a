"""What students receive: notebooks, the self-check cell, and the bundle (an allow-list of packages)."""
