// pyscript-rs started without its start-up snapshot, for A/B runs against `rs` (README,
// "Start-up snapshot"). It serves a copy of dist/ without the .snapshot file, which pages
// then start without (a 404 and a console warning), as builds did before the snapshot:
//   (from bench/) rm -rf ../target/no-snapshot-dist && cp -r ../dist ../target/no-snapshot-dist && rm ../target/no-snapshot-dist/*.snapshot*
//   node run.mjs --system-file systems/examples/rs-no-snapshot.example.mjs --systems mpy,rs,rsfresh \
//     --workloads startup,startup_repeat --repeat 5 --allow-404
export default {
  name: 'rsfresh',
  label: 'pyscript-rs without the start-up snapshot',
  flavour: 'pyscript',
  head: [
    '<link rel="stylesheet" href="/ext/rsfresh/core.css">',
    '<script type="module" src="/ext/rsfresh/core.js"></script>',
  ].join('\n'),
  scriptType: 'py',
  static: { '/ext/rsfresh/': '../../../target/no-snapshot-dist' },
  versions: { 'pyscript-rs': 'dist/ without its snapshot' },
};
