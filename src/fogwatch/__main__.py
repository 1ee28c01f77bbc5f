from fogwatch.cli import main

main()
