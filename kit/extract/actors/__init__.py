"""extract/actors"""
