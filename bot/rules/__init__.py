"""The statutory rules as data and pure functions: guarantees, working-day time limits, recordation terms."""
