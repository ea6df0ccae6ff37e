complete --keep-order --exclusive --command tug --arguments "(COMPLETE=fish tug -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
