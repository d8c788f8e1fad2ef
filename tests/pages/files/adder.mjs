// A second JS module for the js_import tests.
export default function add(a, b) {
  return a + b;
}
