"""权责事项, the 第二十条 figures, administrative review and litigation cases."""
