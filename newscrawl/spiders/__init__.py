"""newscrawl's spiders: one generic spider (``news``) and short site declarations."""
