//! RustPython's frozen modules hold LZ4-compressed bytecode. Compressed once, the bytes barely
//! shrink again when a server sends them with gzip or brotli (STARTUP.md: 6.4 of 7.9 MB stayed
//! after gzip), and what a page downloads is what counts. So the files written here hold
//! *stored* LZ4 blocks: the bytecode as plain literals, which RustPython's LZ4 reader takes
//! as it is and gzip/brotli compress as well as any bytecode.

/// The LZ4 block (size prepended, as `lz4_flex::decompress_size_prepended` reads it) of
/// `compressed`'s content, kept as literals.
pub fn restore(compressed: &[u8]) -> Vec<u8> {
    let plain =
        lz4_flex::decompress_size_prepended(compressed).expect("RustPython froze valid LZ4");
    stored(&plain)
}

/// One LZ4 sequence with every byte a literal and no match: a block's last sequence may
/// end without one. The literal count is 15 in the token, then 255s, then the rest.
fn stored(plain: &[u8]) -> Vec<u8> {
    let size = u32::try_from(plain.len()).expect("a module's bytecode is under 4 GiB");
    let mut block = Vec::with_capacity(plain.len() + plain.len() / 255 + 6);
    block.extend_from_slice(&size.to_le_bytes());
    if plain.len() < 15 {
        block.push((plain.len() as u8) << 4);
    } else {
        block.push(0xF0);
        let mut rest = plain.len() - 15;
        while rest >= 255 {
            block.push(255);
            rest -= 255;
        }
        block.push(rest as u8);
    }
    block.extend_from_slice(plain);
    block
}
