from pyscript import RUNNING_IN_WORKER, config, document

document.getElementById("src-out").textContent = f"src worker: {RUNNING_IN_WORKER} {config.get('flavour')}"
