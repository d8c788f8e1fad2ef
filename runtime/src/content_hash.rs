//! FNV-1a, 64 bits: the content hash in the names of the standard library's group files
//! (written by the build script, checked by the runtime before it trusts a file).

pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
