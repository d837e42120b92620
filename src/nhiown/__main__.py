from nhiown.cli import main

main()
