"""Exchange files (交换文件) between a village point's laptop and the township: the Ed25519
keys and their public key files (``keys``), the signed zip (``package``) and the JSON of the
records it carries (``records_json``)."""
