"""extract/quantities"""
