def explode():
    raise RuntimeError("raised in a src file")


explode()
