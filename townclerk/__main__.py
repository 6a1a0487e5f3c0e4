from townclerk.cli import main

raise SystemExit(main())
