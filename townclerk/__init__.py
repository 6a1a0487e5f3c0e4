"""townclerk: the comprehensive window (综合窗口) of a township service center."""

__version__ = "0.1.0"
