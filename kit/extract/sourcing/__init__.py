"""Attribution relations: sources, cues, contents, quotations."""
