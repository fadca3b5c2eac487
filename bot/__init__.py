"""iprdesk: a help desk for customs protection of intellectual property rights."""
