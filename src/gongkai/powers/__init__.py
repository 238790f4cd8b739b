"""权责事项, the 第二十条 figures, review and litigation cases (issue 7)."""
