"""extract/time"""
