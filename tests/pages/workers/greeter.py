# Started by PyWorker: calls the functions main put on `worker.sync`.
from pyscript import RUNNING_IN_WORKER, config, sync

answer = sync.greet("worker", {"n": 2, "items": [1, 2]})
sync.report(f"{config['type']} worker {RUNNING_IN_WORKER}: {answer}")
