"""extract/sourcing"""
