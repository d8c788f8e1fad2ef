//! `posix`: the operating-system module `os` is built on, over the in-memory file system
//! (`vfs.rs`). With it, `os`, `pathlib`, `shutil`, `tempfile`, `importlib`, `dataclasses`,
//! `random` and `open()` (through `_pyio`) work in the browser.

pub(crate) use posix::module_def;

use crate::vfs::Vfs;
use std::cell::RefCell;

/// Where a page's Python starts, as Pyodide's does in `/home/pyodide`.
pub const HOME: &str = "/home/pyscript";

thread_local! {
    /// One file system per page: every interpreter of the instance sees the same files.
    static FILE_SYSTEM: RefCell<Vfs> = RefCell::new(Vfs::new(HOME, crate::browser_clock::file_clock));
}

/// The text of the file at `path`, if there is one and the file system is not in use.
pub fn file_text(path: &str) -> Option<String> {
    FILE_SYSTEM.with(|file_system| {
        let file_system = file_system.try_borrow().ok()?;
        let content = file_system.file_content(path).ok()?;
        Some(String::from_utf8_lossy(content).into_owned())
    })
}

/// Runs `f` on the page's file system.
pub fn with_file_system<R>(f: impl FnOnce(&mut Vfs) -> R) -> R {
    FILE_SYSTEM.with_borrow_mut(f)
}

#[rustpython_vm::pymodule(name = "posix")]
mod posix {
    use super::{HOME, with_file_system};
    use crate::vfs::{MAX_FILE_SIZE, Metadata, VfsError, flags};
    use rustpython_vm::{
        AsObject, FromArgs, Py, PyObjectRef, PyPayload, PyRef, PyResult, TryFromObject,
        VirtualMachine,
        builtins::{PyBaseExceptionRef, PyBytes, PyDictRef, PyStr, PyTupleRef, PyTypeRef},
        class::PyClassDef,
        function::{ArgBytesLike, ArgIndex, ArgMemoryBuffer, FuncArgs, OptionalArg},
        ospath::{OsPath, OutputMode},
        protocol::PyIterReturn,
        pyclass, pystruct_sequence, pystruct_sequence_data,
        types::PyComparisonOp,
        types::{
            IterNext, Iterable, PyStructSequence, PyStructSequenceData, Representable, SelfIter,
        },
    };
    use std::cell::Cell;

    #[pyattr]
    use crate::vfs::flags::{O_APPEND, O_CREAT, O_EXCL, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY};

    #[pyattr]
    const F_OK: i32 = 0;
    #[pyattr]
    const R_OK: i32 = 4;
    #[pyattr]
    const W_OK: i32 = 2;
    #[pyattr]
    const X_OK: i32 = 1;

    /// No `*at()` variants: `dir_fd`/`follow_symlinks` are not offered.
    #[pyattr(name = "_have_functions")]
    fn have_functions(vm: &VirtualMachine) -> PyObjectRef {
        vm.ctx.new_list(Vec::new()).into()
    }

    /// The environment, bytes to bytes as on POSIX (`os.environ` decodes it).
    #[pyattr]
    fn environ(vm: &VirtualMachine) -> PyDictRef {
        let environ = vm.ctx.new_dict();
        for (key, value) in [
            ("HOME", HOME),
            ("PATH", "/usr/bin"),
            ("LANG", "C.UTF-8"),
            ("USER", "pyscript"),
        ] {
            let key: PyObjectRef = vm.ctx.new_bytes(key.into()).into();
            let _ = environ.set_item(&*key, vm.ctx.new_bytes(value.into()).into(), vm);
        }
        environ
    }

    #[pystruct_sequence_data]
    pub struct StatResultData {
        pub st_mode: u32,
        pub st_ino: u64,
        pub st_dev: u64,
        pub st_nlink: u64,
        pub st_uid: u32,
        pub st_gid: u32,
        pub st_size: u64,
        #[pystruct_sequence(unnamed)]
        pub st_atime_int: i64,
        #[pystruct_sequence(unnamed)]
        pub st_mtime_int: i64,
        #[pystruct_sequence(unnamed)]
        pub st_ctime_int: i64,
        #[pystruct_sequence(skip)]
        pub st_atime: f64,
        #[pystruct_sequence(skip)]
        pub st_mtime: f64,
        #[pystruct_sequence(skip)]
        pub st_ctime: f64,
        #[pystruct_sequence(skip)]
        pub st_atime_ns: i64,
        #[pystruct_sequence(skip)]
        pub st_mtime_ns: i64,
        #[pystruct_sequence(skip)]
        pub st_ctime_ns: i64,
        #[pystruct_sequence(skip)]
        pub st_blksize: u64,
        #[pystruct_sequence(skip)]
        pub st_blocks: u64,
    }

    impl core::fmt::Debug for StatResultData {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            write!(
                f,
                "stat_result(st_mode={}, st_size={})",
                self.st_mode, self.st_size
            )
        }
    }

    impl StatResultData {
        fn from_metadata(metadata: Metadata) -> Self {
            const S_IFDIR: u32 = 0o040_000;
            const S_IFREG: u32 = 0o100_000;
            let st_mode = if metadata.is_directory {
                S_IFDIR | 0o755
            } else {
                S_IFREG | 0o644
            };
            let seconds = metadata.modified;
            let nanoseconds = (seconds * 1e9) as i64;
            let changed = metadata.changed;
            Self {
                st_mode,
                st_ino: metadata.inode,
                st_dev: 1,
                st_nlink: 1,
                st_uid: 0,
                st_gid: 0,
                st_size: metadata.size,
                st_atime_int: seconds as i64,
                st_mtime_int: seconds as i64,
                st_ctime_int: changed as i64,
                st_atime: seconds,
                st_mtime: seconds,
                st_ctime: changed,
                st_atime_ns: nanoseconds,
                st_mtime_ns: nanoseconds,
                st_ctime_ns: (changed * 1e9) as i64,
                st_blksize: 4096,
                st_blocks: metadata.size.div_ceil(512),
            }
        }
    }

    #[pyattr]
    #[pystruct_sequence(name = "stat_result", module = "os", data = "StatResultData")]
    pub struct PyStatResult;

    #[pyclass(with(PyStructSequence))]
    impl PyStatResult {
        #[pyslot]
        fn slot_new(cls: PyTypeRef, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
            rustpython_vm::types::struct_sequence_new(
                cls,
                args.bind_for(vm, Self::NAME)?,
                StatResultData::OPTIONAL_FIELD_NAMES,
                vm,
            )
        }
    }

    /// An `OSError` subclass with errno, message and file name, as the OS would raise.
    fn os_error(vm: &VirtualMachine, error: VfsError, path: Option<&str>) -> PyBaseExceptionRef {
        let exceptions = &vm.ctx.exceptions;
        let class = match error {
            VfsError::NotFound => exceptions.file_not_found_error,
            VfsError::Exists => exceptions.file_exists_error,
            VfsError::NotADirectory => exceptions.not_a_directory_error,
            VfsError::IsADirectory => exceptions.is_a_directory_error,
            VfsError::OutOfMemory => {
                return vm.new_memory_error(format!("{}: the file would not fit", error.message()));
            }
            VfsError::NotEmpty
            | VfsError::BadDescriptor
            | VfsError::Invalid
            | VfsError::TooLarge
            | VfsError::ReadOnly
            | VfsError::Busy => exceptions.os_error,
        };
        let mut args: Vec<PyObjectRef> = vec![
            vm.ctx.new_int(error.errno()).into(),
            vm.ctx.new_str(error.message()).into(),
        ];
        if let Some(path) = path {
            args.push(vm.ctx.new_str(path).into());
        }
        // Calling the class runs OSError's own constructor, which sets errno, strerror and
        // filename and gives the familiar "[Errno 2] No such file or directory: 'x'".
        match class.as_object().call(args, vm) {
            Ok(exception) => exception
                .downcast()
                .unwrap_or_else(|_| vm.new_os_error(error.message())),
            Err(exception) => exception,
        }
    }

    /// The keyword arguments POSIX path functions accept. There are no links and no
    /// directory descriptors here: `follow_symlinks` changes nothing, and a `dir_fd` other
    /// than `None` is refused as CPython refuses it where the platform lacks it.
    #[derive(FromArgs)]
    struct LinkOptions {
        #[pyarg(named, default)]
        dir_fd: Option<PyObjectRef>,
        #[pyarg(named, default = true)]
        #[allow(dead_code)]
        follow_symlinks: bool,
    }

    impl LinkOptions {
        fn checked(&self, vm: &VirtualMachine) -> PyResult<()> {
            match &self.dir_fd {
                Some(dir_fd) if !vm.is_none(dir_fd) => {
                    Err(vm.new_not_implemented_error("dir_fd unavailable on this platform"))
                }
                _ => Ok(()),
            }
        }
    }

    /// `path` of a function that also takes a descriptor (`stat`, `lstat`).
    enum PathOrDescriptor {
        Path(String),
        Descriptor(i32),
    }

    impl TryFromObject for PathOrDescriptor {
        fn try_from_object(vm: &VirtualMachine, value: PyObjectRef) -> PyResult<Self> {
            if value.fast_isinstance(vm.ctx.types.int_type) {
                let fd = value.try_index(vm)?.try_to_primitive::<i32>(vm)?;
                return Ok(Self::Descriptor(fd));
            }
            Ok(Self::Path(path_text(OsPath::try_from_object(vm, value)?)))
        }
    }

    /// A path argument as text (bytes are UTF-8 here, as everywhere in the file system).
    fn path_text(path: OsPath) -> String {
        path.to_string_lossy().into_owned()
    }

    fn on_path<T>(
        path: &str,
        vm: &VirtualMachine,
        f: impl FnOnce(&mut crate::vfs::Vfs) -> Result<T, VfsError>,
    ) -> PyResult<T> {
        with_file_system(f).map_err(|error| os_error(vm, error, Some(path)))
    }

    fn on_descriptor<T>(
        vm: &VirtualMachine,
        f: impl FnOnce(&mut crate::vfs::Vfs) -> Result<T, VfsError>,
    ) -> PyResult<T> {
        with_file_system(f).map_err(|error| os_error(vm, error, None))
    }

    #[derive(FromArgs)]
    struct StatArgs {
        #[pyarg(any)]
        path: PathOrDescriptor,
        #[pyarg(flatten)]
        options: LinkOptions,
    }

    #[pyfunction]
    fn stat(args: StatArgs, vm: &VirtualMachine) -> PyResult<StatResultData> {
        args.options.checked(vm)?;
        match args.path {
            PathOrDescriptor::Descriptor(fd) => on_descriptor(vm, |fs| fs.descriptor_metadata(fd))
                .map(StatResultData::from_metadata),
            PathOrDescriptor::Path(path) => {
                on_path(&path, vm, |fs| fs.metadata(&path)).map(StatResultData::from_metadata)
            }
        }
    }

    #[pyfunction]
    fn lstat(args: StatArgs, vm: &VirtualMachine) -> PyResult<StatResultData> {
        stat(args, vm)
    }

    #[pyfunction]
    fn fstat(fd: i32, vm: &VirtualMachine) -> PyResult<StatResultData> {
        on_descriptor(vm, |fs| fs.descriptor_metadata(fd)).map(StatResultData::from_metadata)
    }

    #[pyfunction]
    fn open(
        path: OsPath,
        flags: i32,
        _mode: OptionalArg<i32>,
        vm: &VirtualMachine,
    ) -> PyResult<i32> {
        let path = path_text(path);
        on_path(&path, vm, |fs| fs.open(&path, flags))
    }

    #[pyfunction]
    fn close(fd: i32, vm: &VirtualMachine) -> PyResult<()> {
        on_descriptor(vm, |fs| fs.close(fd))
    }

    #[pyfunction]
    fn read(fd: i32, count: isize, vm: &VirtualMachine) -> PyResult<PyRef<PyBytes>> {
        let count =
            usize::try_from(count).map_err(|_| vm.new_value_error("negative read length"))?;
        Ok(vm
            .ctx
            .new_bytes(on_descriptor(vm, |fs| fs.read(fd, count))?))
    }

    /// Reads into a writable buffer; returns how many bytes were read.
    #[pyfunction]
    fn readinto(fd: i32, buffer: ArgMemoryBuffer, vm: &VirtualMachine) -> PyResult<usize> {
        let mut target = buffer.borrow_buf_mut();
        let bytes = on_descriptor(vm, |fs| fs.read(fd, target.len()))?;
        target[..bytes.len()].copy_from_slice(&bytes);
        Ok(bytes.len())
    }

    #[pyfunction]
    fn write(fd: i32, data: ArgBytesLike, vm: &VirtualMachine) -> PyResult<usize> {
        data.with_ref(|bytes| on_descriptor(vm, |fs| fs.write(fd, bytes)))
    }

    #[pyfunction]
    fn lseek(fd: i32, position: i64, whence: i32, vm: &VirtualMachine) -> PyResult<u64> {
        on_descriptor(vm, |fs| fs.seek(fd, position, whence))
    }

    #[pyfunction]
    fn ftruncate(fd: i32, length: u64, vm: &VirtualMachine) -> PyResult<()> {
        on_descriptor(vm, |fs| fs.truncate(fd, length))
    }

    #[pyfunction]
    fn truncate(path: OsPath, length: u64, vm: &VirtualMachine) -> PyResult<()> {
        let path = path_text(path);
        on_path(&path, vm, |fs| {
            let fd = fs.open(&path, flags::O_WRONLY)?;
            let result = fs.truncate(fd, length);
            fs.close(fd)?;
            result
        })
    }

    #[pyfunction]
    fn fsync(_fd: i32) {}

    /// There are no child processes to inherit descriptors: a no-op, as `open()` asks for it.
    #[pyfunction]
    fn set_inheritable(_fd: i32, _inheritable: bool) {}

    #[pyfunction]
    fn get_inheritable(_fd: i32) -> bool {
        false
    }

    #[pyfunction]
    fn isatty(_fd: i32) -> bool {
        false
    }

    #[pyfunction]
    fn device_encoding(_fd: i32, vm: &VirtualMachine) -> PyObjectRef {
        vm.ctx.none()
    }

    #[pyfunction]
    fn getcwd() -> String {
        with_file_system(|fs| fs.cwd().to_owned())
    }

    #[pyfunction]
    fn getcwdb(vm: &VirtualMachine) -> PyRef<PyBytes> {
        vm.ctx.new_bytes(getcwd().into_bytes())
    }

    #[pyfunction]
    fn chdir(path: OsPath, vm: &VirtualMachine) -> PyResult<()> {
        let path = path_text(path);
        on_path(&path, vm, |fs| fs.change_directory(&path))
    }

    #[pyfunction]
    fn listdir(
        path: OptionalArg<Option<OsPath>>,
        vm: &VirtualMachine,
    ) -> PyResult<Vec<PyObjectRef>> {
        let path = path.flatten();
        let as_bytes = path
            .as_ref()
            .is_some_and(|path| matches!(path.mode(), OutputMode::Bytes));
        let path = path.map_or_else(|| ".".to_owned(), path_text);
        let names = on_path(&path, vm, |fs| fs.list_directory(&path))?;
        Ok(names
            .into_iter()
            .map(|name| {
                if as_bytes {
                    vm.ctx.new_bytes(name.into_bytes()).into()
                } else {
                    vm.ctx.new_str(name).into()
                }
            })
            .collect())
    }

    #[derive(FromArgs)]
    struct MkdirArgs {
        #[pyarg(any)]
        path: OsPath,
        #[pyarg(any, default = 0o777)]
        #[allow(dead_code)]
        mode: i32,
        #[pyarg(flatten)]
        options: LinkOptions,
    }

    #[pyfunction]
    fn mkdir(args: MkdirArgs, vm: &VirtualMachine) -> PyResult<()> {
        args.options.checked(vm)?;
        let path = path_text(args.path);
        on_path(&path, vm, |fs| fs.make_directory(&path))
    }

    #[pyfunction]
    fn rmdir(path: OsPath, options: LinkOptions, vm: &VirtualMachine) -> PyResult<()> {
        options.checked(vm)?;
        let path = path_text(path);
        on_path(&path, vm, |fs| fs.remove_directory(&path))
    }

    #[pyfunction(name = "remove")]
    #[pyfunction]
    fn unlink(path: OsPath, options: LinkOptions, vm: &VirtualMachine) -> PyResult<()> {
        options.checked(vm)?;
        let path = path_text(path);
        on_path(&path, vm, |fs| fs.remove_file(&path))
    }

    #[pyfunction(name = "replace")]
    #[pyfunction]
    fn rename(source: OsPath, target: OsPath, vm: &VirtualMachine) -> PyResult<()> {
        let (source, target) = (path_text(source), path_text(target));
        on_path(&source, vm, |fs| fs.rename(&source, &target))
    }

    /// There are no symbolic links: like POSIX for a non-link, `EINVAL` (or `ENOENT`).
    #[pyfunction]
    fn readlink(path: OsPath, options: LinkOptions, vm: &VirtualMachine) -> PyResult<String> {
        options.checked(vm)?;
        let path = path_text(path);
        on_path(&path, vm, |fs| {
            fs.metadata(&path).and(Err(VfsError::Invalid))
        })
    }

    /// Permissions are not modelled (the page owns every file): checks the path exists.
    #[pyfunction]
    fn chmod(path: OsPath, _mode: i32, options: LinkOptions, vm: &VirtualMachine) -> PyResult<()> {
        options.checked(vm)?;
        let path = path_text(path);
        on_path(&path, vm, |fs| fs.metadata(&path)).map(drop)
    }

    /// Every file belongs to the page's one user (uid and gid 0): giving it to that user (or
    /// leaving an id as -1) succeeds, any other owner is a `PermissionError`.
    #[pyfunction(name = "lchown")]
    #[pyfunction]
    fn chown(
        path: OsPath,
        uid: i64,
        gid: i64,
        options: LinkOptions,
        vm: &VirtualMachine,
    ) -> PyResult<()> {
        options.checked(vm)?;
        let path = path_text(path);
        on_path(&path, vm, |fs| fs.metadata(&path))?;
        if [uid, gid].iter().all(|id| *id == 0 || *id == -1) {
            return Ok(());
        }
        Err(vm.new_exception_msg(
            vm.ctx.exceptions.permission_error.to_owned(),
            format!("[Errno 1] Operation not permitted: the in-memory file system has one owner: '{path}'").into(),
        ))
    }

    #[derive(FromArgs)]
    struct UtimeArgs {
        #[pyarg(any)]
        path: OsPath,
        #[pyarg(any, default)]
        times: Option<PyTupleRef>,
        #[pyarg(named, default)]
        ns: Option<PyTupleRef>,
        #[pyarg(flatten)]
        options: LinkOptions,
    }

    /// `utime(path, times=None, *, ns=None)`: sets the modification time (now when neither
    /// `times` (seconds) nor `ns` (nanoseconds) is given).
    #[pyfunction]
    fn utime(args: UtimeArgs, vm: &VirtualMachine) -> PyResult<()> {
        args.options.checked(vm)?;
        let path = path_text(args.path);
        let second_of_pair =
            |pair: &PyTupleRef, what: &str| -> PyResult<PyObjectRef> {
                match pair.as_slice() {
                    [_, second] => Ok(second.clone()),
                    _ => Err(vm
                        .new_type_error(format!("utime: '{what}' must be a tuple of two numbers"))),
                }
            };
        let modified = match (args.times, args.ns) {
            (Some(_), Some(_)) => {
                return Err(vm.new_value_error(
                    "utime: you may specify either 'times' or 'ns' but not both",
                ));
            }
            (Some(times), None) => second_of_pair(&times, "times")?.try_float(vm)?.to_f64(),
            (None, Some(ns)) => {
                second_of_pair(&ns, "ns")?
                    .try_index(vm)?
                    .try_to_primitive::<i64>(vm)? as f64
                    / 1e9
            }
            (None, None) => crate::browser_clock::wall_seconds(vm)?,
        };
        on_path(&path, vm, |fs| fs.set_modified(&path, modified))
    }

    #[pyfunction]
    fn scandir(
        path: OptionalArg<Option<OsPath>>,
        vm: &VirtualMachine,
    ) -> PyResult<ScandirIterator> {
        let path = path.flatten().map_or_else(|| ".".to_owned(), path_text);
        let names = on_path(&path, vm, |fs| fs.list_directory(&path))?;
        let entries = names
            .into_iter()
            .map(|name| {
                let full = if path.ends_with('/') {
                    format!("{path}{name}")
                } else {
                    format!("{path}/{name}")
                };
                DirEntry { name, path: full }
            })
            .collect();
        Ok(ScandirIterator {
            entries,
            position: Cell::new(0),
        })
    }

    #[pyattr]
    #[pyclass(name = "ScandirIterator", module = "posix")]
    #[derive(Debug, PyPayload)]
    pub struct ScandirIterator {
        entries: Vec<DirEntry>,
        position: Cell<usize>,
    }

    #[pyclass(with(IterNext, Iterable))]
    impl ScandirIterator {
        #[pymethod]
        fn close(zelf: &Py<Self>) {
            zelf.position.set(zelf.entries.len());
        }

        #[pymethod]
        fn __enter__(zelf: PyRef<Self>) -> PyRef<Self> {
            zelf
        }

        #[pymethod]
        fn __exit__(zelf: &Py<Self>, _args: FuncArgs) {
            Self::close(zelf);
        }
    }

    impl SelfIter for ScandirIterator {}

    impl IterNext for ScandirIterator {
        fn next(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyIterReturn> {
            let position = zelf.position.get();
            let Some(entry) = zelf.entries.get(position) else {
                return Ok(PyIterReturn::StopIteration(None));
            };
            zelf.position.set(position + 1);
            Ok(PyIterReturn::Return(entry.clone().into_ref(&vm.ctx).into()))
        }
    }

    /// `DirEntry` methods' only argument: nothing to follow here.
    #[derive(FromArgs)]
    struct FollowSymlinks {
        #[pyarg(named, default = true)]
        #[allow(dead_code)]
        follow_symlinks: bool,
    }

    #[pyattr]
    #[pyclass(name = "DirEntry", module = "posix")]
    #[derive(Debug, Clone, PyPayload)]
    pub struct DirEntry {
        name: String,
        path: String,
    }

    #[pyclass(with(Representable))]
    impl DirEntry {
        #[pygetset]
        fn name(zelf: &Py<Self>) -> String {
            zelf.name.clone()
        }

        #[pygetset]
        fn path(zelf: &Py<Self>) -> String {
            zelf.path.clone()
        }

        #[pymethod]
        fn is_dir(zelf: &Py<Self>, _options: FollowSymlinks) -> bool {
            with_file_system(|fs| {
                fs.metadata(&zelf.path)
                    .is_ok_and(|metadata| metadata.is_directory)
            })
        }

        #[pymethod]
        fn is_file(zelf: &Py<Self>, _options: FollowSymlinks) -> bool {
            with_file_system(|fs| {
                fs.metadata(&zelf.path)
                    .is_ok_and(|metadata| !metadata.is_directory)
            })
        }

        #[pymethod]
        fn is_symlink(_zelf: &Py<Self>) -> bool {
            false
        }

        #[pymethod]
        fn is_junction(_zelf: &Py<Self>) -> bool {
            false
        }

        #[pymethod]
        fn stat(
            zelf: &Py<Self>,
            _options: FollowSymlinks,
            vm: &VirtualMachine,
        ) -> PyResult<StatResultData> {
            on_path(&zelf.path, vm, |fs| fs.metadata(&zelf.path)).map(StatResultData::from_metadata)
        }

        #[pymethod]
        fn inode(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<u64> {
            on_path(&zelf.path, vm, |fs| fs.metadata(&zelf.path)).map(|metadata| metadata.inode)
        }

        #[pymethod]
        fn __fspath__(zelf: &Py<Self>) -> String {
            zelf.path.clone()
        }
    }

    impl Representable for DirEntry {
        fn repr_str(zelf: &Py<Self>, _vm: &VirtualMachine) -> PyResult<String> {
            Ok(format!("<DirEntry '{}'>", zelf.name))
        }
    }

    #[pyfunction]
    fn strerror(code: i32) -> String {
        [
            VfsError::NotFound,
            VfsError::BadDescriptor,
            VfsError::Exists,
            VfsError::NotADirectory,
            VfsError::IsADirectory,
            VfsError::Invalid,
            VfsError::NotEmpty,
            VfsError::TooLarge,
            VfsError::OutOfMemory,
            VfsError::ReadOnly,
            VfsError::Busy,
        ]
        .into_iter()
        .find(|error| error.errno() == code)
        .map_or_else(
            || format!("Unknown error {code}"),
            |error| error.message().to_owned(),
        )
    }

    /// Random bytes from the browser's cryptographic generator.
    #[pyfunction]
    fn urandom(size: ArgIndex, vm: &VirtualMachine) -> PyResult<PyRef<PyBytes>> {
        let size = size.into_int_ref();
        let zero = vm.ctx.new_int(0);
        if size
            .as_object()
            .rich_compare_bool(zero.as_object(), PyComparisonOp::Lt, vm)?
        {
            return Err(vm.new_value_error("negative argument not allowed"));
        }
        // Refused before anything is allocated beyond what a file may hold (the file
        // system's limit), or what memory cannot give.
        let too_large = || {
            vm.new_memory_error(format!(
                "os.urandom({size}): more bytes than memory can hold (at most {MAX_FILE_SIZE})"
            ))
        };
        let size = size
            .try_to_primitive::<u64>(vm)
            .ok()
            .filter(|&size| size <= MAX_FILE_SIZE)
            .and_then(|size| usize::try_from(size).ok())
            .ok_or_else(too_large)?;
        let mut bytes = Vec::new();
        bytes.try_reserve_exact(size).map_err(|_| too_large())?;
        bytes.resize(size, 0);
        // getRandomValues fills at most 65,536 bytes per call.
        for chunk in bytes.chunks_mut(65_536) {
            crate::host::fill_random(chunk).map_err(|reason| {
                vm.new_os_error(format!(
                    "os.urandom(): crypto.getRandomValues failed: {reason}"
                ))
            })?;
        }
        Ok(vm.ctx.new_bytes(bytes))
    }

    #[pyfunction]
    fn getpid() -> i32 {
        1
    }

    #[pyfunction]
    fn getppid() -> i32 {
        0
    }

    #[pyfunction(name = "getgid")]
    #[pyfunction(name = "getegid")]
    #[pyfunction(name = "geteuid")]
    #[pyfunction]
    fn getuid() -> u32 {
        0
    }

    #[pyfunction]
    fn umask(_mask: i32) -> i32 {
        0o022
    }

    #[pyfunction]
    fn cpu_count() -> u32 {
        1
    }

    #[pyfunction]
    fn putenv(_key: PyObjectRef, _value: PyObjectRef) {}

    #[pyfunction]
    fn unsetenv(_key: PyObjectRef) {}

    // A page has no child processes. These exist because `subprocess` reads them when it is
    // imported (and `asyncio` imports `subprocess`); waiting always finds no child.
    #[pyattr]
    const WNOHANG: i32 = 1;

    #[pyfunction]
    fn waitpid(_pid: i32, _options: i32, vm: &VirtualMachine) -> PyResult<(i32, i32)> {
        Err(vm.new_exception_msg(
            vm.ctx.exceptions.child_process_error.to_owned(),
            "[Errno 10] No child processes: a web page cannot start processes".into(),
        ))
    }

    /// Pipes only connect processes, which a page cannot start (`subprocess` asks first).
    #[pyfunction]
    fn pipe(vm: &VirtualMachine) -> PyResult<(i32, i32)> {
        Err(vm.new_os_error(
            "[Errno 38] a web page cannot create pipes: it cannot start processes".to_owned(),
        ))
    }

    #[pyfunction]
    fn waitstatus_to_exitcode(status: i32) -> i32 {
        status >> 8
    }

    #[pyfunction(name = "WIFEXITED")]
    fn wifexited(status: i32) -> bool {
        status & 0x7f == 0
    }

    #[pyfunction(name = "WIFSTOPPED")]
    fn wifstopped(status: i32) -> bool {
        status & 0xff == 0x7f
    }

    #[pyfunction(name = "WSTOPSIG")]
    #[pyfunction(name = "WEXITSTATUS")]
    fn wexitstatus(status: i32) -> i32 {
        (status >> 8) & 0xff
    }

    /// A page cannot exit: `os._exit()` raises `SystemExit`, which stops the script.
    #[pyfunction(name = "_exit")]
    fn exit(code: i32, vm: &VirtualMachine) -> PyResult<()> {
        Err(vm.new_exception(
            vm.ctx.exceptions.system_exit.to_owned(),
            vec![vm.ctx.new_int(code).into()],
        ))
    }

    #[pyfunction]
    fn fspath(path: PyObjectRef, vm: &VirtualMachine) -> PyResult {
        let is_text = |value: &PyObjectRef| {
            value.downcast_ref::<PyStr>().is_some() || value.downcast_ref::<PyBytes>().is_some()
        };
        if is_text(&path) {
            return Ok(path);
        }
        let Some(method) = vm.get_attribute_opt(&path, "__fspath__")? else {
            return Err(vm.new_type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                path.class().name()
            )));
        };
        // Called once: a path whose `__fspath__` returns itself is an error, not a loop.
        let result = method.call((), vm)?;
        if is_text(&result) {
            return Ok(result);
        }
        Err(vm.new_type_error(format!(
            "expected {}.__fspath__() to return str or bytes, not {}",
            path.class().name(),
            result.class().name()
        )))
    }
}
