//! The in-memory file system behind `posix`, `open()` and `pathlib`: a tree of directories
//! and files, a current directory and a table of open file descriptors. Pure data: the
//! Python binding is `posix_module.rs`.

use std::collections::{BTreeMap, HashMap};

/// What went wrong, as the POSIX error it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VfsError {
    NotFound,
    Exists,
    NotADirectory,
    IsADirectory,
    NotEmpty,
    BadDescriptor,
    Invalid,
    /// The file would outgrow [`MAX_FILE_SIZE`].
    TooLarge,
    /// The browser gave no more memory.
    OutOfMemory,
    /// The path lies in a read-only mount (`pyscript.fs.mount(..., mode="read")`).
    ReadOnly,
    /// The path is a mount point or holds one: it cannot be moved or removed.
    Busy,
}

impl VfsError {
    /// The Linux errno value (what Python's `errno` module names).
    pub fn errno(self) -> i32 {
        match self {
            Self::NotFound => 2,
            Self::BadDescriptor => 9,
            Self::Exists => 17,
            Self::NotADirectory => 20,
            Self::IsADirectory => 21,
            Self::Invalid => 22,
            Self::NotEmpty => 39,
            Self::OutOfMemory => 12,
            Self::TooLarge => 27,
            Self::ReadOnly => 30,
            Self::Busy => 16,
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Self::NotFound => "No such file or directory",
            Self::BadDescriptor => "Bad file descriptor",
            Self::Exists => "File exists",
            Self::NotADirectory => "Not a directory",
            Self::IsADirectory => "Is a directory",
            Self::Invalid => "Invalid argument",
            Self::NotEmpty => "Directory not empty",
            Self::OutOfMemory => "Cannot allocate memory",
            Self::TooLarge => "File too large",
            Self::ReadOnly => "Read-only file system",
            Self::Busy => "Device or resource busy",
        }
    }
}

pub type VfsResult<T> = Result<T, VfsError>;

/// The largest file: a wasm32 instance has at most 4 GiB of memory for everything, so a
/// bigger file could never be held (`EFBIG`, as a file system with a size limit answers).
pub const MAX_FILE_SIZE: u64 = 1 << 30;

/// `open()` flags, with Linux's values (what `os.O_*` are).
pub mod flags {
    pub const O_RDONLY: i32 = 0;
    pub const O_WRONLY: i32 = 1;
    pub const O_RDWR: i32 = 2;
    pub const O_ACCMODE: i32 = 3;
    pub const O_CREAT: i32 = 0o100;
    pub const O_EXCL: i32 = 0o200;
    pub const O_TRUNC: i32 = 0o1000;
    pub const O_APPEND: i32 = 0o2000;
}

#[derive(Debug)]
enum Content {
    Directory(BTreeMap<String, usize>),
    File(Vec<u8>),
}

#[derive(Debug)]
struct Node {
    content: Content,
    /// Modification time, seconds since the epoch.
    modified: f64,
    /// Change time: moves with every change to the node, its times included (`utime` cannot
    /// set it), so it tells a changed file from an unchanged one.
    changed: f64,
}

/// What `stat()` reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metadata {
    pub inode: u64,
    pub is_directory: bool,
    pub size: u64,
    pub modified: f64,
    pub changed: f64,
}

#[derive(Debug)]
struct OpenFile {
    node: usize,
    /// Where the next read or write starts; may lie beyond the end (a later write fills
    /// the gap with zeros), so it is not limited to what memory can address.
    position: u64,
    readable: bool,
    writable: bool,
    append: bool,
}

#[derive(Debug)]
pub struct Vfs {
    /// Nodes by inode number; a removed node leaves `None`.
    nodes: Vec<Option<Node>>,
    cwd: String,
    open_files: HashMap<i32, OpenFile>,
    next_descriptor: i32,
    clock: fn() -> f64,
    /// The last modification time handed out: every change gets a later one.
    last_change: f64,
    /// Mount points (absolute), each with whether its subtree is read-only.
    mount_points: Vec<(String, bool)>,
}

const ROOT: usize = 0;

impl Vfs {
    /// An empty file system whose current directory `home` exists; `clock` gives timestamps.
    pub fn new(home: &str, clock: fn() -> f64) -> Self {
        let mut vfs = Self {
            nodes: vec![Some(Node {
                content: Content::Directory(BTreeMap::new()),
                modified: clock(),
                changed: clock(),
            })],
            cwd: "/".into(),
            open_files: HashMap::new(),
            // 0-2 are stdin, stdout and stderr.
            next_descriptor: 3,
            clock,
            last_change: 0.0,
            mount_points: Vec::new(),
        };
        // An empty tree accepts any directory path.
        let _ = vfs.make_directories(home);
        vfs.cwd = normalize("/", home);
        vfs
    }

    pub fn cwd(&self) -> &str {
        &self.cwd
    }

    pub fn change_directory(&mut self, path: &str) -> VfsResult<()> {
        let absolute = normalize(&self.cwd, path);
        match self.node(self.lookup(&absolute)?)?.content {
            Content::Directory(_) => {
                self.cwd = absolute;
                Ok(())
            }
            Content::File(_) => Err(VfsError::NotADirectory),
        }
    }

    /// The node `index` names. Directory entries and open descriptors keep their nodes
    /// alive, so a missing one is a broken invariant: reported as `ENOENT`, never a panic.
    fn node(&self, index: usize) -> VfsResult<&Node> {
        self.nodes
            .get(index)
            .and_then(Option::as_ref)
            .ok_or(VfsError::NotFound)
    }

    fn node_mut(&mut self, index: usize) -> VfsResult<&mut Node> {
        self.nodes
            .get_mut(index)
            .and_then(Option::as_mut)
            .ok_or(VfsError::NotFound)
    }

    /// Frees node `index` unless an open descriptor still uses it: as on POSIX, an unlinked
    /// or replaced file stays readable through descriptors opened before.
    fn release(&mut self, index: usize) {
        if !self.open_files.values().any(|file| file.node == index)
            && let Some(slot) = self.nodes.get_mut(index)
        {
            *slot = None;
        }
    }

    fn lookup(&self, absolute: &str) -> VfsResult<usize> {
        let mut current = ROOT;
        for part in components(absolute) {
            match &self.node(current)?.content {
                Content::Directory(entries) => {
                    current = *entries.get(part).ok_or(VfsError::NotFound)?
                }
                Content::File(_) => return Err(VfsError::NotADirectory),
            }
        }
        Ok(current)
    }

    /// The directory that holds `path` and the name `path` has in it.
    fn parent_of(&self, path: &str) -> VfsResult<(usize, String)> {
        let absolute = normalize(&self.cwd, path);
        let (parent, name) = absolute.rsplit_once('/').ok_or(VfsError::Invalid)?;
        if name.is_empty() {
            return Err(VfsError::Invalid);
        }
        let parent = self.lookup(if parent.is_empty() { "/" } else { parent })?;
        match self.node(parent)?.content {
            Content::Directory(_) => Ok((parent, name.to_owned())),
            Content::File(_) => Err(VfsError::NotADirectory),
        }
    }

    fn entries_mut(&mut self, directory: usize) -> VfsResult<&mut BTreeMap<String, usize>> {
        match &mut self.node_mut(directory)?.content {
            Content::Directory(entries) => Ok(entries),
            Content::File(_) => Err(VfsError::NotADirectory),
        }
    }

    /// The modification time of a change: the clock's, but always later than the last one
    /// (by a microsecond within one tick of the clock), so every change moves `st_mtime`.
    /// `importlib` re-reads a directory only when its `st_mtime` differs (a module written by
    /// a script must import at once), and `pyscript.fs.sync` finds changed files by it.
    fn change_time(&mut self) -> f64 {
        self.last_change = (self.clock)().max(self.last_change + 1e-6);
        self.last_change
    }

    /// Marks node `index` modified now (its content or entries changed).
    fn touch(&mut self, index: usize) -> VfsResult<()> {
        let now = self.change_time();
        let node = self.node_mut(index)?;
        node.modified = now;
        node.changed = now;
        Ok(())
    }

    /// The entries of `directory`, for a change (which moves its modification time).
    fn entries_to_change(&mut self, directory: usize) -> VfsResult<&mut BTreeMap<String, usize>> {
        self.touch(directory)?;
        self.entries_mut(directory)
    }

    fn add_node(&mut self, content: Content) -> usize {
        let now = self.change_time();
        self.nodes.push(Some(Node {
            content,
            modified: now,
            changed: now,
        }));
        self.nodes.len() - 1
    }

    /// Makes `path` a mount point (`Some(read_only)`: it cannot be moved or removed, nor can
    /// the directories that hold it; a read-only one refuses every change in its subtree with
    /// `EROFS`), or an ordinary directory again (`None`).
    pub fn set_mount_point(&mut self, path: &str, read_only: Option<bool>) {
        let root = normalize(&self.cwd, path);
        self.mount_points.retain(|(existing, _)| *existing != root);
        if let Some(read_only) = read_only {
            self.mount_points.push((root, read_only));
        }
    }

    /// `EROFS` when `path` lies in a read-only mount.
    fn check_writable(&self, path: &str) -> VfsResult<()> {
        let absolute = normalize(&self.cwd, path);
        let read_only = self
            .mount_points
            .iter()
            .any(|(root, read_only)| *read_only && is_within(&absolute, root));
        match read_only {
            true => Err(VfsError::ReadOnly),
            false => Ok(()),
        }
    }

    /// `EBUSY` when `path` is a mount point or holds one (moving or removing it would take
    /// the mounted folder's copy away from under its mount).
    fn check_not_busy(&self, path: &str) -> VfsResult<()> {
        let absolute = normalize(&self.cwd, path);
        match self
            .mount_points
            .iter()
            .any(|(root, _)| is_within(root, &absolute))
        {
            true => Err(VfsError::Busy),
            false => Ok(()),
        }
    }

    pub fn metadata(&self, path: &str) -> VfsResult<Metadata> {
        self.metadata_of(self.lookup(&normalize(&self.cwd, path))?)
    }

    fn metadata_of(&self, index: usize) -> VfsResult<Metadata> {
        let node = self.node(index)?;
        let (is_directory, size) = match &node.content {
            Content::Directory(entries) => (true, entries.len() as u64),
            Content::File(data) => (false, data.len() as u64),
        };
        Ok(Metadata {
            inode: index as u64 + 1,
            is_directory,
            size,
            modified: node.modified,
            changed: node.changed,
        })
    }

    /// The whole content of the file at `path`.
    pub fn file_content(&self, path: &str) -> VfsResult<&[u8]> {
        match &self
            .node(self.lookup(&normalize(&self.cwd, path))?)?
            .content
        {
            Content::File(data) => Ok(data),
            Content::Directory(_) => Err(VfsError::IsADirectory),
        }
    }

    pub fn set_modified(&mut self, path: &str, modified: f64) -> VfsResult<()> {
        self.check_writable(path)?;
        let index = self.lookup(&normalize(&self.cwd, path))?;
        let now = self.change_time();
        let node = self.node_mut(index)?;
        node.modified = modified;
        node.changed = now;
        Ok(())
    }

    pub fn list_directory(&self, path: &str) -> VfsResult<Vec<String>> {
        match &self
            .node(self.lookup(&normalize(&self.cwd, path))?)?
            .content
        {
            Content::Directory(entries) => Ok(entries.keys().cloned().collect()),
            Content::File(_) => Err(VfsError::NotADirectory),
        }
    }

    pub fn make_directory(&mut self, path: &str) -> VfsResult<()> {
        let (parent, name) = self.parent_of(path)?;
        if self.entries_mut(parent)?.contains_key(&name) {
            return Err(VfsError::Exists);
        }
        self.check_writable(path)?;
        let directory = self.add_node(Content::Directory(BTreeMap::new()));
        self.entries_to_change(parent)?.insert(name, directory);
        Ok(())
    }

    /// `mkdir -p`: every missing directory on the way.
    pub fn make_directories(&mut self, path: &str) -> VfsResult<()> {
        let absolute = normalize(&self.cwd, path);
        let mut prefix = String::new();
        for part in components(&absolute) {
            prefix.push('/');
            prefix.push_str(part);
            match self.make_directory(&prefix) {
                Ok(()) | Err(VfsError::Exists) => {}
                Err(error) => return Err(error),
            }
        }
        match self.node(self.lookup(&absolute)?)?.content {
            Content::Directory(_) => Ok(()),
            Content::File(_) => Err(VfsError::NotADirectory),
        }
    }

    pub fn remove_directory(&mut self, path: &str) -> VfsResult<()> {
        self.check_writable(path)?;
        self.check_not_busy(path)?;
        let (parent, name) = self.parent_of(path)?;
        let index = *self
            .entries_mut(parent)?
            .get(&name)
            .ok_or(VfsError::NotFound)?;
        match &self.node(index)?.content {
            Content::Directory(entries) if entries.is_empty() => {}
            Content::Directory(_) => return Err(VfsError::NotEmpty),
            Content::File(_) => return Err(VfsError::NotADirectory),
        }
        self.entries_to_change(parent)?.remove(&name);
        self.release(index);
        Ok(())
    }

    pub fn remove_file(&mut self, path: &str) -> VfsResult<()> {
        self.check_writable(path)?;
        let (parent, name) = self.parent_of(path)?;
        let index = *self
            .entries_mut(parent)?
            .get(&name)
            .ok_or(VfsError::NotFound)?;
        if let Content::Directory(_) = self.node(index)?.content {
            return Err(VfsError::IsADirectory);
        }
        self.entries_to_change(parent)?.remove(&name);
        self.release(index);
        Ok(())
    }

    /// Moves `from` to `to`, replacing a file (or an empty directory) already there.
    pub fn rename(&mut self, from: &str, to: &str) -> VfsResult<()> {
        self.check_writable(from)?;
        self.check_writable(to)?;
        self.check_not_busy(from)?;
        self.check_not_busy(to)?;
        let (source_parent, source_name) = self.parent_of(from)?;
        let index = *self
            .entries_mut(source_parent)?
            .get(&source_name)
            .ok_or(VfsError::NotFound)?;
        let (target_parent, target_name) = self.parent_of(to)?;
        let moving_directory = matches!(self.node(index)?.content, Content::Directory(_));
        if moving_directory
            && normalize(&self.cwd, to).starts_with(&format!("{}/", normalize(&self.cwd, from)))
        {
            return Err(VfsError::Invalid);
        }
        if let Some(&existing) = self.entries_mut(target_parent)?.get(&target_name) {
            if existing == index {
                return Ok(());
            }
            match (&self.node(existing)?.content, moving_directory) {
                (Content::Directory(entries), true) if entries.is_empty() => {}
                (Content::Directory(_), true) => return Err(VfsError::NotEmpty),
                (Content::Directory(_), false) => return Err(VfsError::IsADirectory),
                (Content::File(_), true) => return Err(VfsError::NotADirectory),
                (Content::File(_), false) => {}
            }
            self.release(existing);
        }
        self.entries_to_change(source_parent)?.remove(&source_name);
        self.entries_to_change(target_parent)?
            .insert(target_name, index);
        // A moved node changes (POSIX moves its ctime): a file moved over another one of the
        // same size and modification time still reads as changed.
        self.node_mut(index)?.changed = self.last_change;
        Ok(())
    }

    /// Opens `path` with `os.open` flags and returns a descriptor.
    pub fn open(&mut self, path: &str, open_flags: i32) -> VfsResult<i32> {
        use flags::*;
        let changing = open_flags & O_ACCMODE != O_RDONLY || open_flags & O_CREAT != 0;
        if changing {
            self.check_writable(path)?;
        }
        let (parent, name) = self.parent_of(path)?;
        let existing = self.entries_mut(parent)?.get(&name).copied();
        let index = match existing {
            Some(_) if open_flags & O_CREAT != 0 && open_flags & O_EXCL != 0 => {
                return Err(VfsError::Exists);
            }
            Some(index) => index,
            None if open_flags & O_CREAT != 0 => {
                let file = self.add_node(Content::File(Vec::new()));
                self.entries_to_change(parent)?.insert(name, file);
                file
            }
            None => return Err(VfsError::NotFound),
        };
        let access = open_flags & O_ACCMODE;
        let writable = access == O_WRONLY || access == O_RDWR;
        let truncating = open_flags & O_TRUNC != 0 && writable;
        let now = if truncating { self.change_time() } else { 0.0 };
        let node = self.node_mut(index)?;
        match &mut node.content {
            Content::Directory(_) if writable => return Err(VfsError::IsADirectory),
            Content::File(data) if truncating => {
                data.clear();
                node.modified = now;
                node.changed = now;
            }
            _ => {}
        }
        let descriptor = self.next_descriptor;
        self.next_descriptor += 1;
        let file = OpenFile {
            node: index,
            position: 0,
            readable: access == O_RDONLY || access == O_RDWR,
            writable,
            append: open_flags & O_APPEND != 0,
        };
        self.open_files.insert(descriptor, file);
        Ok(descriptor)
    }

    fn open_file(&mut self, descriptor: i32) -> VfsResult<&mut OpenFile> {
        self.open_files
            .get_mut(&descriptor)
            .ok_or(VfsError::BadDescriptor)
    }

    pub fn close(&mut self, descriptor: i32) -> VfsResult<()> {
        let file = self
            .open_files
            .remove(&descriptor)
            .ok_or(VfsError::BadDescriptor)?;
        if !self.is_linked(file.node) {
            self.release(file.node);
        }
        Ok(())
    }

    fn is_linked(&self, index: usize) -> bool {
        self.nodes.iter().flatten().any(|node| match &node.content {
            Content::Directory(entries) => entries.values().any(|&entry| entry == index),
            Content::File(_) => false,
        })
    }

    pub fn read(&mut self, descriptor: i32, count: usize) -> VfsResult<Vec<u8>> {
        let file = self.open_file(descriptor)?;
        if !file.readable {
            return Err(VfsError::BadDescriptor);
        }
        let (node, position) = (file.node, file.position);
        let data = match &self.node(node)?.content {
            Content::File(data) => data,
            Content::Directory(_) => return Err(VfsError::IsADirectory),
        };
        let start = usize::try_from(position).map_or(data.len(), |start| start.min(data.len()));
        let end = start.saturating_add(count).min(data.len());
        let chunk = data[start..end].to_vec();
        if end > start {
            self.open_file(descriptor)?.position = end as u64;
        }
        Ok(chunk)
    }

    pub fn write(&mut self, descriptor: i32, bytes: &[u8]) -> VfsResult<usize> {
        let file = self.open_file(descriptor)?;
        if !file.writable {
            return Err(VfsError::BadDescriptor);
        }
        let (node, position, append) = (file.node, file.position, file.append);
        let now = self.change_time();
        let target = self.node_mut(node)?;
        let Content::File(data) = &mut target.content else {
            return Err(VfsError::IsADirectory);
        };
        let start = if append { data.len() as u64 } else { position };
        let end = start
            .checked_add(bytes.len() as u64)
            .filter(|&end| end <= MAX_FILE_SIZE)
            .ok_or(VfsError::TooLarge)?;
        // Both fit in memory's address range: they are at most MAX_FILE_SIZE.
        let (start, end) = (start as usize, end as usize);
        grow(data, end)?;
        data[start..end].copy_from_slice(bytes);
        target.modified = now;
        target.changed = now;
        self.open_file(descriptor)?.position = end as u64;
        Ok(bytes.len())
    }

    /// Moves the position: `whence` 0 (from the start), 1 (from here), 2 (from the end).
    pub fn seek(&mut self, descriptor: i32, offset: i64, whence: i32) -> VfsResult<u64> {
        let file = self.open_file(descriptor)?;
        let node = file.node;
        let position = file.position;
        let length = match &self.node(node)?.content {
            Content::File(data) => data.len() as u64,
            Content::Directory(_) => 0,
        };
        let base = match whence {
            0 => 0,
            1 => position,
            2 => length,
            _ => return Err(VfsError::Invalid),
        };
        let target = base
            .checked_add_signed(offset)
            .filter(|&target| i64::try_from(target).is_ok())
            .ok_or(VfsError::Invalid)?;
        self.open_file(descriptor)?.position = target;
        Ok(target)
    }

    pub fn truncate(&mut self, descriptor: i32, length: u64) -> VfsResult<()> {
        let file = self.open_file(descriptor)?;
        if !file.writable {
            return Err(VfsError::Invalid);
        }
        let node = file.node;
        let now = self.change_time();
        let target = self.node_mut(node)?;
        target.modified = now;
        target.changed = now;
        let Content::File(data) = &mut target.content else {
            return Err(VfsError::IsADirectory);
        };
        if length > MAX_FILE_SIZE {
            return Err(VfsError::TooLarge);
        }
        let length = length as usize;
        if length <= data.len() {
            data.truncate(length);
            Ok(())
        } else {
            grow(data, length)
        }
    }

    pub fn descriptor_metadata(&mut self, descriptor: i32) -> VfsResult<Metadata> {
        let node = self.open_file(descriptor)?.node;
        self.metadata_of(node)
    }
}

/// Extends `data` with zeros to at least `length` bytes, or reports that memory ran out
/// (a failed allocation would otherwise abort the whole wasm instance).
fn grow(data: &mut Vec<u8>, length: usize) -> VfsResult<()> {
    if let Some(missing) = length
        .checked_sub(data.len())
        .filter(|&missing| missing > 0)
    {
        data.try_reserve(missing)
            .map_err(|_| VfsError::OutOfMemory)?;
        data.resize(length, 0);
    }
    Ok(())
}

/// The non-empty components of an absolute path.
/// Whether `path` is `root` or lies inside it (both absolute and normalized).
fn is_within(path: &str, root: &str) -> bool {
    path == root
        || path
            .strip_prefix(root)
            .is_some_and(|rest| rest.starts_with('/') || root == "/")
}

fn components(absolute: &str) -> impl Iterator<Item = &str> {
    absolute.split('/').filter(|part| !part.is_empty())
}

/// `path` made absolute against `cwd`, with `.`, `..` and repeated slashes resolved.
pub fn normalize(cwd: &str, path: &str) -> String {
    let joined = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("{cwd}/{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in components(&joined) {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    format!("/{}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::{Vfs, VfsError, flags::*, normalize};

    fn vfs() -> Vfs {
        Vfs::new("/home/pyscript", || 1000.0)
    }

    fn write_file(fs: &mut Vfs, path: &str, bytes: &[u8]) {
        let fd = fs.open(path, O_WRONLY | O_CREAT | O_TRUNC).unwrap();
        fs.write(fd, bytes).unwrap();
        fs.close(fd).unwrap();
    }

    #[test]
    fn every_change_moves_the_modification_time_even_within_one_clock_tick() {
        let mut fs = vfs(); // a clock that never moves
        write_file(&mut fs, "f", b"a");
        let first = fs.metadata("f").unwrap().modified;
        write_file(&mut fs, "f", b"b");
        let second = fs.metadata("f").unwrap().modified;
        let fd = fs.open("f", O_RDWR).unwrap();
        fs.truncate(fd, 0).unwrap();
        fs.close(fd).unwrap();
        let third = fs.metadata("f").unwrap().modified;
        assert!(first < second && second < third, "{first} {second} {third}");
    }

    #[test]
    fn a_read_only_subtree_refuses_every_change_and_still_reads() {
        let mut fs = vfs();
        fs.make_directories("/mnt/sub").unwrap();
        write_file(&mut fs, "/mnt/sub/f", b"data");
        fs.set_mount_point("/mnt", Some(true));
        let refused = [
            fs.open("/mnt/sub/f", O_WRONLY).map(drop),
            fs.open("/mnt/new", O_RDONLY | O_CREAT).map(drop),
            fs.make_directory("/mnt/d"),
            fs.remove_file("/mnt/sub/f"),
            fs.remove_directory("/mnt/sub"),
            fs.rename("/mnt/sub/f", "/home/pyscript/f"),
            fs.rename("/home/pyscript", "/mnt/home"),
            fs.set_modified("/mnt/sub/f", 1.0),
        ];
        assert!(
            refused
                .iter()
                .all(|result| *result == Err(VfsError::ReadOnly)),
            "{refused:?}"
        );
        let fd = fs.open("/mnt/sub/f", O_RDONLY).unwrap();
        assert_eq!(fs.read(fd, 10).unwrap(), b"data");
        // A sibling whose name starts the same is not inside.
        fs.make_directory("/mnt2").unwrap();
        fs.set_mount_point("/mnt", None);
        write_file(&mut fs, "/mnt/sub/f", b"again");
    }

    #[test]
    fn a_mount_point_and_the_directories_holding_it_cannot_move_or_go() {
        let mut fs = vfs();
        fs.make_directories("/data/local/sub").unwrap();
        fs.set_mount_point("/data/local", Some(false));
        assert_eq!(fs.rename("/data", "/elsewhere"), Err(VfsError::Busy));
        assert_eq!(fs.rename("/data/local", "/local"), Err(VfsError::Busy));
        assert_eq!(fs.remove_directory("/data/local"), Err(VfsError::Busy));
        // Inside a read-write mount everything changes as usual.
        fs.rename("/data/local/sub", "/data/local/moved").unwrap();
        fs.remove_directory("/data/local/moved").unwrap();
        fs.set_mount_point("/data/local", None);
        fs.remove_directory("/data/local").unwrap();
    }

    #[test]
    fn the_change_time_moves_with_utime_and_renames_but_utime_cannot_set_it() {
        let mut fs = vfs();
        write_file(&mut fs, "a", b"same");
        write_file(&mut fs, "b", b"same");
        fs.set_modified("a", 5.0).unwrap();
        fs.set_modified("b", 5.0).unwrap();
        let before = fs.metadata("b").unwrap();
        fs.rename("a", "b").unwrap();
        let after = fs.metadata("b").unwrap();
        assert_eq!((after.size, after.modified), (before.size, before.modified));
        assert_ne!((after.inode, after.changed), (before.inode, before.changed));
        fs.set_modified("b", 5.0).unwrap();
        assert!(fs.metadata("b").unwrap().changed > after.changed);
    }

    #[test]
    fn paths_normalize_against_the_current_directory() {
        assert_eq!(normalize("/home/a", "b/../c/./d"), "/home/a/c/d");
        assert_eq!(normalize("/home/a", "/x//y/"), "/x/y");
        assert_eq!(normalize("/", ".."), "/");
    }

    #[test]
    fn files_are_written_read_and_listed() {
        let mut fs = vfs();
        let fd = fs.open("notes.txt", O_WRONLY | O_CREAT).unwrap();
        assert_eq!(fs.write(fd, b"hello world").unwrap(), 11);
        fs.close(fd).unwrap();
        assert_eq!(fs.list_directory(".").unwrap(), ["notes.txt"]);
        assert_eq!(fs.metadata("/home/pyscript/notes.txt").unwrap().size, 11);
        let fd = fs.open("notes.txt", O_RDWR).unwrap();
        assert_eq!(fs.read(fd, 5).unwrap(), b"hello");
        assert_eq!(fs.seek(fd, -5, 2).unwrap(), 6);
        fs.write(fd, b"there").unwrap();
        fs.seek(fd, 0, 0).unwrap();
        assert_eq!(fs.read(fd, 100).unwrap(), b"hello there");
        fs.close(fd).unwrap();
        assert_eq!(fs.read(fd, 1), Err(VfsError::BadDescriptor));
    }

    #[test]
    fn append_truncate_and_exclusive_create() {
        let mut fs = vfs();
        write_file(&mut fs, "log", b"a");
        let fd = fs.open("log", O_WRONLY | O_APPEND).unwrap();
        fs.write(fd, b"b").unwrap();
        fs.close(fd).unwrap();
        assert_eq!(fs.metadata("log").unwrap().size, 2);
        assert_eq!(
            fs.open("log", O_WRONLY | O_CREAT | O_EXCL),
            Err(VfsError::Exists)
        );
        let fd = fs.open("log", O_WRONLY | O_TRUNC).unwrap();
        fs.close(fd).unwrap();
        assert_eq!(fs.metadata("log").unwrap().size, 0);
        assert_eq!(fs.open("missing", O_RDONLY), Err(VfsError::NotFound));
    }

    #[test]
    fn directories_are_made_removed_and_renamed() {
        let mut fs = vfs();
        fs.make_directories("a/b/c").unwrap();
        write_file(&mut fs, "a/b/c/f.txt", b"x");
        assert_eq!(fs.make_directory("a"), Err(VfsError::Exists));
        assert_eq!(fs.remove_directory("a/b"), Err(VfsError::NotEmpty));
        assert_eq!(fs.remove_file("a/b"), Err(VfsError::IsADirectory));
        fs.rename("a/b/c/f.txt", "a/g.txt").unwrap();
        assert_eq!(fs.list_directory("a").unwrap(), ["b", "g.txt"]);
        assert_eq!(fs.rename("a", "a/b/inside"), Err(VfsError::Invalid));
        fs.remove_directory("a/b/c").unwrap();
        fs.change_directory("a").unwrap();
        assert_eq!(fs.cwd(), "/home/pyscript/a");
        assert_eq!(fs.change_directory("g.txt"), Err(VfsError::NotADirectory));
        assert_eq!(fs.metadata("g.txt/x"), Err(VfsError::NotADirectory));
    }

    #[test]
    fn an_unlinked_file_lives_until_closed() {
        let mut fs = vfs();
        write_file(&mut fs, "tmp", b"data");
        let fd = fs.open("tmp", O_RDONLY).unwrap();
        fs.remove_file("tmp").unwrap();
        assert_eq!(fs.metadata("tmp"), Err(VfsError::NotFound));
        assert_eq!(fs.read(fd, 10).unwrap(), b"data");
        fs.close(fd).unwrap();
    }

    #[test]
    fn a_descriptor_outlives_the_replacement_and_the_removal_of_its_file() {
        let mut fs = Vfs::new("/home", || 0.0);
        write_file(&mut fs, "old", b"old data");
        write_file(&mut fs, "new", b"new data");
        fs.make_directories("d").unwrap();
        write_file(&mut fs, "d/f", b"in d");
        let replaced = fs.open("old", O_RDONLY).unwrap();
        let removed = fs.open("d/f", O_RDONLY).unwrap();
        let directory = fs.open("d", O_RDONLY).unwrap();
        fs.rename("new", "old").unwrap();
        fs.remove_file("d/f").unwrap();
        fs.remove_directory("d").unwrap();
        assert_eq!(fs.read(replaced, 100).unwrap(), b"old data");
        assert_eq!(fs.read(removed, 100).unwrap(), b"in d");
        assert!(fs.descriptor_metadata(directory).unwrap().is_directory);
        for descriptor in [replaced, removed, directory] {
            fs.close(descriptor).unwrap();
        }
        assert_eq!(fs.read(replaced, 1), Err(VfsError::BadDescriptor));
        let fd = fs.open("old", O_RDONLY).unwrap();
        assert_eq!(fs.read(fd, 100).unwrap(), b"new data");
    }

    #[test]
    fn far_seeks_are_positions_and_writes_beyond_the_size_limit_fail() {
        let mut fs = Vfs::new("/home", || 0.0);
        let fd = fs.open("big", O_RDWR | O_CREAT).unwrap();
        assert_eq!(fs.seek(fd, 3 << 30, 0).unwrap(), 3 << 30);
        assert_eq!(fs.read(fd, 10).unwrap(), b"");
        assert_eq!(fs.write(fd, b"x"), Err(VfsError::TooLarge));
        assert_eq!(fs.seek(fd, i64::MAX, 0).unwrap(), i64::MAX as u64);
        assert_eq!(fs.seek(fd, 1, 1), Err(VfsError::Invalid));
        assert_eq!(fs.seek(fd, -1, 0), Err(VfsError::Invalid));
        assert_eq!(fs.truncate(fd, u64::MAX), Err(VfsError::TooLarge));
        assert_eq!(fs.seek(fd, 4, 0).unwrap(), 4);
        fs.write(fd, b"tail").unwrap();
        fs.seek(fd, 0, 0).unwrap();
        assert_eq!(fs.read(fd, 100).unwrap(), b"\0\0\0\0tail");
    }
}
