print("acme-scan")
