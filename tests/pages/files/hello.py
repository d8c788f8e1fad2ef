from pyscript import display

display("hello from src")
