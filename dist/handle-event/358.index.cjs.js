"use strict";
exports.id = 358;
exports.ids = [358];
exports.modules = {

/***/ 6715:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BO: () => (/* binding */ redactUrl),
/* harmony export */   Fn: () => (/* binding */ urlSecrets),
/* harmony export */   Sl: () => (/* binding */ redactUrlText),
/* harmony export */   VX: () => (/* binding */ secretValues),
/* harmony export */   _I: () => (/* binding */ scrub),
/* harmony export */   eX: () => (/* binding */ headersForLog),
/* harmony export */   kt: () => (/* binding */ secretHeaderNames)
/* harmony export */ });
/**
 * What of a request may be shown in logs and error messages. The logger masks registered secrets on
 * its own; this covers what it cannot know: credentials in URLs and secret headers whose values were
 * never registered (a token typed straight into a config file).
 */
/** Headers whose values are secret whatever the caller says. */
const ALWAYS_SECRET = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie'];
/** The URL with user-info and query values replaced by `***`; `url` must already be parsed. */
function redactUrl(url) {
    const copy = new URL(url.href);
    const hadCredentials = copy.username !== '' || copy.password !== '';
    copy.username = '';
    copy.password = '';
    const query = [...copy.searchParams.keys()].map((key) => `${encodeURIComponent(key)}=***`);
    copy.search = '';
    let text = copy.href;
    if (hadCredentials)
        text = text.replace('://', '://***@');
    return query.length > 0 ? `${text}?${query.join('&')}` : text;
}
/**
 * `text` as it may be printed when it should be a URL: user-info and query values hidden as redactUrl
 * does; text that does not parse has anything between `://` and `@`, and its query, hidden.
 */
function redactUrlText(text) {
    try {
        return redactUrl(new URL(text));
    }
    catch {
        return text.replace(/:\/\/[^/?#\s]*@/, '://***@').replace(/\?[^#\s]*/, '?***');
    }
}
/** Everything redactUrl hides (user name, password, query values), for scrubbing printed text. */
function urlSecrets(text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        return [];
    }
    const parts = [url.password, url.username, ...url.searchParams.values()];
    const decoded = parts.flatMap((p) => [p, safeDecode(p)]);
    return [...new Set(decoded)].filter((p) => p.length >= 3);
}
function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/** Lowercased names of the headers to hide, the built-in ones plus the caller's. */
function secretHeaderNames(extra = []) {
    return new Set([...ALWAYS_SECRET, ...extra.map((name) => name.toLowerCase())]);
}
/**
 * The raw secret strings among `headers`, longest first: each whole value and, for
 * `Scheme credentials` values such as `Bearer xoxb-…`, the credentials alone (they may be echoed in a
 * body). Values under three characters are skipped: they would blank out ordinary text.
 */
function secretValues(headers, names) {
    const found = new Set();
    for (const [name, value] of Object.entries(headers)) {
        if (!names.has(name.toLowerCase()))
            continue;
        found.add(value);
        const credentials = /^\S+\s+(.+)$/.exec(value)?.[1];
        if (credentials)
            found.add(credentials);
    }
    return [...found].filter((v) => v.length >= 3).sort((a, b) => b.length - a.length);
}
/** Replaces every occurrence of each secret with `***`. */
function scrub(text, secrets) {
    let out = text;
    for (const secret of secrets)
        out = out.split(secret).join('***');
    return out;
}
/**
 * Headers as `Name: value` pairs with secret values shown as `***`. Values stay unescaped on purpose:
 * an escaped secret (quotes, backslashes) would no longer match what the logger masks.
 */
function headersForLog(headers, names) {
    const pairs = Object.entries(headers).map(([name, value]) => names.has(name.toLowerCase()) ? `${name}: ***` : `${name}: ${value}`);
    return `{${pairs.join(', ')}}`;
}


/***/ }),

/***/ 2124:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createActionsCacheStore: () => (/* binding */ createActionsCacheStore)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/core/types.ts
var types = __webpack_require__(3054);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/stores/actions-cache-keys.ts
/**
 * Names of the cache entries and of the file archived in them.
 *
 * The service matches a restore key as a *prefix* and returns the newest match, so the naming has to
 * make "every revision of id X" a prefix that no other id can share: the id is escaped so that it
 * never contains `-r` (nor `-R`, in case a service compares keys case-insensitively), and `-r` then
 * marks where the id ends. Revisions have a fixed width, so the exact key of one revision is a prefix
 * of nothing but itself, which is what lets the store ask "does revision n exist?".
 */


const DEFAULT_KEY_PREFIX = 'cicdstatemgr-';
/** Directory of the archived file, inside the tar; part of the cache version. */
const DEFAULT_WORK_DIR = '.cicdstatemgr-cache';
const REVISION_WIDTH = 10;
const MAX_REVISION = 10 ** REVISION_WIDTH - 1;
/** @actions/cache rejects longer keys (ValidationError). */
const MAX_KEY_LENGTH = 512;
/** Longer escaped ids get a hashed file name: the name only has to be stable, not readable. */
const MAX_FILE_STEM = 120;
/** `_XX` per UTF-8 byte for anything outside `[A-Za-z0-9.-]`, and for the `r` of `-r`. */
function escapeId(id) {
    let out = '';
    let previous = '';
    for (const ch of id) {
        const plain = /^[A-Za-z0-9.-]$/.test(ch) && !(previous === '-' && (ch === 'r' || ch === 'R'));
        out += plain ? ch : hexBytes(ch);
        previous = ch;
    }
    return out;
}
function hexBytes(ch) {
    return [...Buffer.from(ch, 'utf8')]
        .map((b) => `_${b.toString(16).toUpperCase().padStart(2, '0')}`)
        .join('');
}
/** The names for `id`; throws StoreError when the key would be invalid for the cache service. */
function entryNames(keyPrefix, workDir, id) {
    if (id === '')
        throw new errors/* StoreError */.AD('actions-cache: the context data id is empty');
    const escaped = escapeId(id);
    const prefix = `${keyPrefix}${escaped}-r`;
    if (prefix.length + REVISION_WIDTH > MAX_KEY_LENGTH) {
        throw new errors/* StoreError */.AD(`actions-cache: context data id '${id.slice(0, 40)}…' is too long for a cache key ` +
            `(keys are limited to ${MAX_KEY_LENGTH} characters)`);
    }
    const stem = escaped.length <= MAX_FILE_STEM
        ? escaped
        : `h${(0,external_node_crypto_.createHash)('sha256').update(id).digest('hex').slice(0, 40)}`;
    return { prefix, relPath: `${workDir}/${stem}.json` };
}
/** The exact key of one revision. */
function revisionKey(names, revision) {
    if (!Number.isInteger(revision) || revision < 1 || revision > MAX_REVISION) {
        throw new errors/* StoreError */.AD(`actions-cache: revision ${revision} is out of range`);
    }
    return `${names.prefix}${String(revision).padStart(REVISION_WIDTH, '0')}`;
}
/** Checks the configured prefix: commas are invalid in keys, and it ends up in every key. */
function checkKeyPrefix(keyPrefix) {
    if (keyPrefix.includes(',')) {
        throw new errors/* ConfigError */.xL(`actions-cache: keyPrefix '${keyPrefix}' must not contain a comma`);
    }
    if (keyPrefix.length > 200) {
        throw new errors/* ConfigError */.xL('actions-cache: keyPrefix is longer than 200 characters');
    }
    return keyPrefix;
}
/**
 * Checks the configured work directory. It is part of the cache version (the service hashes the path
 * strings), so it must be the same relative text in every job: an absolute path would differ between
 * runners and every restore would miss. Glob characters would be expanded by @actions/cache.
 */
function checkWorkDir(workDir) {
    const dir = workDir.replace(/\\/g, '/').replace(/\/+$/, '');
    const bad = dir === '' ||
        dir.startsWith('/') ||
        /^[A-Za-z]:/.test(dir) ||
        dir.split('/').some((part) => part === '..' || part === '.' || part === '') ||
        /[*?[\]{}!#~,]/.test(dir);
    if (bad) {
        throw new errors/* ConfigError */.xL(`actions-cache: workDir '${workDir}' must be a plain relative directory such as ` +
            `'${DEFAULT_WORK_DIR}' (no '..', no absolute path, no glob characters): ` +
            'the path is part of the cache version, so it must read the same in every job');
    }
    return dir;
}

;// CONCATENATED MODULE: ./src/stores/entry-compression.ts
/**
 * The compressions of a cache entry: node:zlib for gzip, and for zstd when the running Node has it
 * (Node ≥ 22.15); otherwise the `zstd` program over stdin/stdout. Both modules load lazily, only in the
 * branch that uses them.
 */

/** zstd's default level, which is what `zstdmt` uses. */
const ZSTD_LEVEL = 3;
/** ZSTD_c_compressionLevel, zstd's own parameter number (zlib.constants has it on Node 24). */
const ZSTD_C_COMPRESSION_LEVEL = 100;
/**
 * Inputs up to this size are (de)compressed synchronously: the async form's first call starts
 * libuv's thread pool (~4 ms on Node 24), more than a state document of a few KB takes to compress.
 */
const SYNC_LIMIT = 1024 * 1024;
async function loadZlib() {
    return (await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 8522, 23)));
}
/** The zstd codec this Node can use: zlib's when it has one (Node 22.15+), else the binary. */
async function zstdCodec() {
    return typeof (await loadZlib()).zstdCompress === 'function' ? zlibZstdCodec : binaryZstdCodec;
}
/** zlib's `op` on `data` as a promise, its failures turned into a one-line StoreError. */
async function zlibRun(op, label, data, options) {
    const zlib = (await loadZlib());
    if (typeof zlib[op] !== 'function') {
        throw new errors/* StoreError */.AD(`actions-cache: Node ${process.version} has no ${label} in node:zlib`);
    }
    if (data.length <= SYNC_LIMIT) {
        try {
            return zlib[`${op}Sync`](data, options);
        }
        catch (error) {
            throw zlibError(label, error);
        }
    }
    return new Promise((resolve, reject) => {
        zlib[op](data, options, (error, out) => error ? reject(zlibError(label, error)) : resolve(out));
    });
}
function zlibError(label, error) {
    const code = error.code;
    if (error instanceof RangeError || code === 'ERR_BUFFER_TOO_LARGE') {
        return new errors/* StoreError */.AD(`actions-cache: entry is too large once decompressed (${label})`);
    }
    return new errors/* StoreError */.AD(`actions-cache: entry is not valid ${label} data (${(0,errors/* firstLine */.TM)(error).trim()})`);
}
const gzipCodec = {
    name: 'gzip',
    compress: (data) => zlibRun('gzip', 'gzip', data, {}),
    decompress: (data, maxBytes) => zlibRun('gunzip', 'gzip', data, { maxOutputLength: maxBytes })
};
const zlibZstdCodec = {
    name: 'zstd (node:zlib)',
    compress: (data) => zlibRun('zstdCompress', 'zstd', data, { params: { [ZSTD_C_COMPRESSION_LEVEL]: ZSTD_LEVEL } }),
    decompress: (data, maxBytes) => zlibRun('zstdDecompress', 'zstd', data, { maxOutputLength: maxBytes })
};
const binaryZstdCodec = {
    name: 'zstd (binary)',
    compress: (data) => runZstd([`-${ZSTD_LEVEL}`, '-c', '-q'], data, Infinity),
    decompress: (data, maxBytes) => runZstd(['-d', '-c', '-q'], data, maxBytes)
};
/** `zstd <args>` over stdin/stdout, no shell; stops it once stdout passes `maxBytes`. */
async function runZstd(args, input, maxBytes) {
    const { spawn } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1421, 23));
    return new Promise((resolve, reject) => {
        const child = spawn('zstd', args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
        const chunks = [];
        let size = 0;
        let stderr = '';
        let tooLarge = false;
        child.stdout.on('data', (chunk) => {
            size += chunk.length;
            if (size > maxBytes) {
                tooLarge = true;
                child.kill();
            }
            else
                chunks.push(chunk);
        });
        child.stderr.on('data', (chunk) => (stderr += chunk.toString('utf8')));
        // zstd exits early on bad input; the unread stdin then fails with EPIPE, which says nothing more.
        child.stdin.on('error', () => undefined);
        child.on('error', (error) => reject(spawnError(error)));
        child.on('close', (code, signal) => {
            if (tooLarge)
                reject(new errors/* StoreError */.AD('actions-cache: entry is too large once decompressed (zstd)'));
            else if (code === 0)
                resolve(Buffer.concat(chunks, size));
            else
                reject(new errors/* StoreError */.AD(`actions-cache: zstd ${args.join(' ')} failed (${exitReason(code, signal, stderr)})`));
        });
        child.stdin.end(input);
    });
}
function spawnError(error) {
    const missing = error.code === 'ENOENT';
    return new errors/* StoreError */.AD(missing
        ? 'actions-cache: the zstd program is not installed (needed for zstd cache entries on this Node)'
        : `actions-cache: cannot run zstd (${(0,errors/* firstLine */.TM)(error).trim()})`);
}
function exitReason(code, signal, stderr) {
    const said = stderr.trim().split('\n').pop()?.trim();
    const status = code === null ? `killed by ${signal}` : `exit ${code}`;
    return said ? `${status}: ${said}` : status;
}

;// CONCATENATED MODULE: ./src/stores/one-file-tar.ts
/**
 * A POSIX tar holding one regular file, as GNU `tar --posix` writes it, and a reader of any tar GNU tar
 * writes (ustar, pax, GNU long names) that returns one file's content.
 *
 * Why hand-written: an entry is one regular file, so the writer is two or three 512-byte headers and
 * the reader a header walk. tar-stream brings streamx, fast-fifo, b4a and bare-fs along: loading it
 * costs ~32–42 M instructions (~14 ms) against ~4 M (~1 ms) for this code (callgrind and hrtime
 * medians of `require` on Node 24 and 20), on every store write.
 */

/** Largest file content accepted either way; state documents are far smaller. */
const MAX_CONTENT_BYTES = 512 * 1024 * 1024;
const BLOCK = 512;
const EMPTY = Buffer.alloc(0);
/** A tar holding `content` at `relPath` (mode 0644, owner 0:0, mtime now). */
function writeTar(relPath, content, now = new Date()) {
    checkRelPath(relPath);
    if (content.length > MAX_CONTENT_BYTES) {
        throw new errors/* StoreError */.AD(`actions-cache: '${relPath}' is too large to cache (${content.length} bytes)`);
    }
    const mtime = Math.floor(now.getTime() / 1000);
    const path = Buffer.from(relPath, 'utf8');
    const split = splitPath(path);
    const parts = [];
    if (!split) {
        const records = paxRecord('path', path);
        parts.push(header(paxHeaderName(relPath), EMPTY, records.length, mtime, 'x'), padded(records));
    }
    const [prefix, name] = split ?? [EMPTY, path.subarray(0, 100)];
    parts.push(header(name, prefix, content.length, mtime, '0'), padded(content));
    parts.push(Buffer.alloc(2 * BLOCK));
    return Buffer.concat(parts);
}
/** Our paths come from actions-cache-keys; refuse anything tar would place outside the workspace. */
function checkRelPath(relPath) {
    const segments = relPath.split('/');
    if (relPath === '' ||
        relPath.startsWith('/') ||
        relPath.includes('\0') ||
        segments.includes('..')) {
        throw new errors/* StoreError */.AD(`actions-cache: '${relPath}' is not a relative path inside the workspace`);
    }
}
/** [prefix, name] when the path fits ustar's fields (name ≤ 100 bytes, prefix ≤ 155 before a '/'). */
function splitPath(path) {
    if (path.length <= 100)
        return [EMPTY, path];
    for (let slash = path.indexOf(0x2f); slash !== -1; slash = path.indexOf(0x2f, slash + 1)) {
        const name = path.subarray(slash + 1);
        if (slash <= 155 && name.length > 0 && name.length <= 100)
            return [path.subarray(0, slash), name];
    }
    return undefined;
}
/** GNU's `%d/PaxHeaders/%f`, cut to the name field; readers ignore it. */
function paxHeaderName(relPath) {
    const slash = relPath.lastIndexOf('/');
    const dir = slash === -1 ? '.' : relPath.slice(0, slash);
    return Buffer.from(`${dir}/PaxHeaders/${relPath.slice(slash + 1)}`, 'utf8').subarray(0, 100);
}
/** `<length> <key>=<value>\n`, where the length counts its own digits. */
function paxRecord(key, value) {
    const rest = Buffer.byteLength(` ${key}=`) + value.length + 1;
    let length = rest + 1;
    while (String(length).length + rest !== length)
        length = String(length).length + rest;
    return Buffer.concat([Buffer.from(`${length} ${key}=`), value, Buffer.from('\n')]);
}
function header(name, prefix, size, mtime, type) {
    const block = Buffer.alloc(BLOCK);
    name.copy(block, 0);
    block.write(octal(0o644, 8), 100, 'latin1');
    block.write(octal(0, 8), 108, 'latin1');
    block.write(octal(0, 8), 116, 'latin1');
    block.write(octal(size, 12), 124, 'latin1');
    block.write(octal(mtime, 12), 136, 'latin1');
    block.write(type, 156, 'latin1');
    block.write('ustar\u000000', 257, 'latin1');
    block.write(octal(0, 8), 329, 'latin1');
    block.write(octal(0, 8), 337, 'latin1');
    prefix.copy(block, 345);
    // Checksum: six octal digits, NUL, space, summed with the field itself taken as spaces.
    block.write(`${checksum(block).toString(8).padStart(6, '0')}\u0000 `, 148, 'latin1');
    return block;
}
/** Zero-padded octal filling `width` bytes with a closing NUL. */
function octal(value, width) {
    return `${value.toString(8).padStart(width - 1, '0')}\u0000`;
}
function padded(data) {
    const tail = (BLOCK - (data.length % BLOCK)) % BLOCK;
    return tail === 0 ? data : Buffer.concat([data, Buffer.alloc(tail)]);
}
/** Unsigned sum of the header with the checksum field counted as eight spaces. */
function checksum(block) {
    let sum = 8 * 0x20;
    for (let i = 0; i < BLOCK; i++)
        if (i < 148 || i >= 156)
            sum += block[i];
    return sum;
}
/** The content of `relPath` in `tar`; StoreError when damaged, truncated or without it. */
function readTar(tar, relPath) {
    let found;
    let pending = {};
    let offset = 0;
    while (offset + BLOCK <= tar.length) {
        const block = tar.subarray(offset, offset + BLOCK);
        if (block.every((byte) => byte === 0))
            return result(found, relPath);
        verifyChecksum(block, offset);
        const type = String.fromCharCode(block[156]);
        const extension = 'xgLK'.includes(type);
        const size = (extension ? undefined : pending.size) ?? headerSize(block, offset);
        const dataStart = offset + BLOCK;
        const data = tar.subarray(dataStart, dataStart + (hasData(type) ? size : 0));
        if (data.length < (hasData(type) ? size : 0))
            throw truncated(relPath);
        offset = dataStart + Math.ceil(data.length / BLOCK) * BLOCK;
        if (type === 'x')
            pending = { ...pending, ...paxFields(data, offset) };
        else if (type === 'L')
            pending = { ...pending, path: cString(data) };
        else if (type === 'g' || type === 'K')
            continue;
        else {
            const path = stripDotSlash(pending.path ?? headerPath(block));
            if (isRegular(type) && path === relPath)
                found = data;
            pending = {};
        }
    }
    // GNU tar accepts an archive that stops at a header boundary without its end blocks.
    if (offset !== tar.length)
        throw truncated(relPath);
    return result(found, relPath);
}
function result(found, relPath) {
    if (!found)
        throw new errors/* StoreError */.AD(`actions-cache: the cache entry does not contain '${relPath}'`);
    return Buffer.from(found);
}
function truncated(relPath) {
    return new errors/* StoreError */.AD(`actions-cache: the cache entry is truncated (reading '${relPath}')`);
}
function verifyChecksum(block, offset) {
    const stored = parseOctal(block.subarray(148, 156));
    // Some old writers summed signed bytes; accept either sum, as GNU tar does.
    let signed = 8 * 0x20;
    for (let i = 0; i < BLOCK; i++)
        if (i < 148 || i >= 156)
            signed += (block[i] << 24) >> 24;
    if (stored === undefined || (stored !== checksum(block) && stored !== signed)) {
        throw new errors/* StoreError */.AD(`actions-cache: the cache entry is damaged (bad tar header checksum at byte ${offset})`);
    }
}
/** Regular files, hard/soft links, devices, directories and FIFOs; only the first carry data. */
function hasData(type) {
    return !'123456'.includes(type);
}
function isRegular(type) {
    return type === '0' || type === '\0' || type === '7';
}
function headerSize(block, offset) {
    const field = block.subarray(124, 136);
    // GNU base-256: high bit set, the value in the remaining bytes, big-endian.
    const size = field[0] & 0x80 ? base256(field) : parseOctal(field);
    if (size === undefined) {
        throw new errors/* StoreError */.AD(`actions-cache: the cache entry is damaged (bad tar size field at byte ${offset})`);
    }
    return checkSize(size);
}
function checkSize(size) {
    if (size > MAX_CONTENT_BYTES) {
        throw new errors/* StoreError */.AD(`actions-cache: a file in the cache entry is too large (${size} bytes)`);
    }
    return size;
}
function base256(field) {
    let value = field[0] & 0x7f;
    for (let i = 1; i < field.length; i++)
        value = value * 256 + field[i];
    return value;
}
/** Octal digits, optionally space-padded and NUL/space-terminated; undefined when malformed. */
function parseOctal(field) {
    const text = cString(field).trim();
    return /^[0-7]+$/.test(text) ? parseInt(text, 8) : undefined;
}
function cString(data) {
    const end = data.indexOf(0);
    return data.subarray(0, end === -1 ? data.length : end).toString('utf8');
}
function headerPath(block) {
    const name = cString(block.subarray(0, 100));
    const ustar = block.subarray(257, 263).toString('latin1') === 'ustar\u0000';
    const prefix = ustar ? cString(block.subarray(345, 500)) : '';
    return prefix ? `${prefix}/${name}` : name;
}
function stripDotSlash(path) {
    return path.startsWith('./') ? path.slice(2) : path;
}
/** The `path` and `size` records of a pax extended header; other keys do not matter here. */
function paxFields(data, offset) {
    const fields = {};
    // Records fill the header's data; some writers pad it with NULs.
    for (let at = 0; at < data.length && data[at] !== 0;) {
        const space = data.indexOf(0x20, at);
        const digits = data.subarray(at, space === -1 ? at : space).toString('latin1');
        const end = at + Number(digits);
        if (!/^[1-9]\d*$/.test(digits) || end > data.length || data[end - 1] !== 0x0a) {
            throw badPax(offset);
        }
        const record = data.subarray(space + 1, end - 1).toString('utf8');
        const equals = record.indexOf('=');
        if (equals === -1)
            throw badPax(offset);
        const [key, value] = [record.slice(0, equals), record.slice(equals + 1)];
        if (key === 'path')
            fields.path = value;
        if (key === 'size' && !/^\d+$/.test(value))
            throw badPax(offset);
        if (key === 'size')
            fields.size = checkSize(Number(value));
        at = end;
    }
    return fields;
}
function badPax(offset) {
    return new errors/* StoreError */.AD(`actions-cache: the cache entry is damaged (bad pax header before byte ${offset})`);
}

;// CONCATENATED MODULE: ./src/stores/actions-cache-archive.ts



/** Decompressed entries may hold a few headers around the content. */
const MAX_TAR_BYTES = MAX_CONTENT_BYTES + 64 * 1024;
/** A cache entry holding one file at `relPath`: a POSIX tar, compressed as `method` says. */
async function packEntry(relPath, content, method) {
    const tar = writeTar(relPath, content);
    return method === 'gzip' ? gzipCodec.compress(tar) : (await zstdCodec()).compress(tar);
}
/**
 * The content of `relPath` in an entry; throws StoreError with a one-line reason (not compressed as
 * expected, damaged/truncated tar, checksum mismatch, file not in it, too large).
 */
async function unpackEntry(entry, relPath, method) {
    checkMagic(entry, method);
    const codec = method === 'gzip' ? gzipCodec : await zstdCodec();
    return readTar(await codec.decompress(entry, MAX_TAR_BYTES), relPath);
}
/**
 * The format is part of the cache version, so another format means a damaged or foreign entry; and
 * the zstd binary would otherwise quietly decompress gzip too (when built with zlib).
 */
function checkMagic(entry, method) {
    const magic = entry.length >= 4 ? entry.readUInt32LE(0) : 0;
    const ok = method === 'gzip'
        ? (magic & 0xffff) === 0x8b1f
        : magic === 0xfd2fb528 || (magic & 0xfffffff0) === 0x184d2a50; // a frame, or a skippable one
    if (!ok) {
        const format = method === 'gzip' ? 'gzip' : 'zstd';
        throw new errors/* StoreError */.AD(`actions-cache: the cache entry is not ${format}-compressed as expected`);
    }
}

// EXTERNAL MODULE: ./src/http/client.ts + 6 modules
var client = __webpack_require__(4424);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/stores/atomic-write.ts
var atomic_write = __webpack_require__(4107);
;// CONCATENATED MODULE: ./src/stores/actions-cache-local-copy.ts
/**
 * The job-local copy of the newest cache entry of one context, so that a step that reads what this job
 * already holds costs one lookup instead of a download and an un-tar.
 *
 * Why it is safe. The lookup (GetCacheEntryDownloadURL) still decides which entry is newest on every
 * read; the copy is used only when that entry is the very one the copy was taken from: same key, same
 * cache version, and same download location (the signed URL without its signature: the blob of that one
 * entry). A revision written by any other job is a different key (revisions are created once: the
 * service refuses a second writer of a key with 409), so it is downloaded as before. The location guards
 * the one case where a key can name two entries: the same revision written on two branch scopes (a run
 * reads its own ref's cache first, then the default branch's). Only a hash of the location is kept.
 *
 * Where it lives: RUNNER_TEMP, which the runner creates empty for each job and deletes afterwards, so
 * a copy is never seen by another job, let alone another machine. One file per cache version and entry
 * prefix (key prefix + id), written atomically with mode 0600 (documents may hold secrets-derived data),
 * in a 0700 directory; a file that is not ours (owner, permissions, not a regular file) or that does not
 * validate is ignored, never an error: the store then downloads as if there were no copy.
 */






const FORMAT = 1;
const DIR_NAME = 'cicdstatemgr-cache-copies';
/** Hash of a signed download URL without its query (the signature and expiry change per lookup). */
function entryLocation(signedUrl) {
    let url;
    try {
        url = new URL(signedUrl);
    }
    catch {
        return undefined;
    }
    return (0,external_node_crypto_.createHash)('sha256').update(`${url.origin}${url.pathname}`).digest('hex');
}
class LocalCopies {
    runnerTemp;
    fits;
    logger;
    constructor(runnerTemp, 
    /** Checks the stored archive belongs to `id` and to the entry `key` names. */
    fits, logger) {
        this.runnerTemp = runnerTemp;
        this.fits = fits;
        this.logger = logger;
    }
    /** The archive of `entry` if this job's copy holds exactly that entry, else undefined. */
    read(prefix, id, entry) {
        const path = this.path(prefix, entry.version);
        let text;
        try {
            if (!isOurs(path))
                return undefined;
            text = (0,external_node_fs_.readFileSync)(path, 'utf8');
        }
        catch {
            return undefined;
        }
        const copy = parse(text);
        const same = (0,types/* isJsonObject */.O)(copy) &&
            copy.format === FORMAT &&
            copy.key === entry.key &&
            copy.version === entry.version &&
            copy.location === entry.location &&
            this.fits(copy.archive, id, entry.key);
        if (!same) {
            this.logger.debug(`actions-cache: job-local copy of '${id}' is not entry ${entry.key}`);
            return undefined;
        }
        return copy.archive;
    }
    /** Records `archive` as the content of `entry`; a failure only costs the next read a download. */
    async write(prefix, entry, archive) {
        const path = this.path(prefix, entry.version);
        try {
            (0,external_node_fs_.mkdirSync)((0,external_node_path_.join)(this.runnerTemp, DIR_NAME), { recursive: true, mode: 0o700 });
            const text = JSON.stringify({ format: FORMAT, ...entry, archive });
            // Not durable: RUNNER_TEMP does not outlive the job, and a lost copy only costs a download.
            await (0,atomic_write/* writeFileAtomic */.Z)(path, text, { durable: false, mode: 0o600 });
        }
        catch (err) {
            this.logger.debug(`actions-cache: could not keep a job-local copy: ${(0,errors/* errorMessage */.gJ)(err)}`);
        }
    }
    path(prefix, version) {
        const name = (0,external_node_crypto_.createHash)('sha256').update(`${version}\n${prefix}`).digest('hex').slice(0, 40);
        return (0,external_node_path_.join)(this.runnerTemp, DIR_NAME, `${name}.json`);
    }
}
/** A regular file owned by this user and private to it; anything else is not a copy we wrote. */
function isOurs(path) {
    const st = (0,external_node_fs_.lstatSync)(path);
    if (!st.isFile())
        return false;
    if (process.platform === 'win32')
        return true;
    const uid = process.getuid?.();
    return (uid === undefined || st.uid === uid) && (st.mode & 0o077) === 0;
}
function parse(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/stores/actions-cache-client.ts
/**
 * A client of GitHub's cache service v2 as the actions-cache store uses it: the three Twirp methods
 * (look up, reserve, finalize) and the two blob transfers their signed URLs point at (one Put Blob, one
 * GET). The archive inside an entry is actions-cache-archive.ts.
 *
 * Why not @actions/cache (its 6.x was used here before): every step that writes paid ~40 ms loading it
 * and ~35 ms spawning `tar` and `zstd` for a file of a few kilobytes, which put a write far above a Slack
 * step (issue 13, bench/README.md). And its results hid what the store must know: `restoreCache` answers
 * undefined both for "no entry" and for "the service failed", `saveCache` answers -1 both for "another
 * writer holds this key" and for "the upload failed". Here each call answers or throws, and a refused
 * reservation is told apart from a failure. The entries stay what @actions/cache makes and reads (same
 * version hash, same tar, same compression), so entries written by earlier versions of this tool are read
 * and the other way round; a test runs @actions/cache against entries written here and vice versa.
 *
 * What it gives up: @actions/cache uploads large archives in 64 MiB blocks, 8 at a time, and downloads
 * in segments. A context document is kilobytes to a few megabytes, which one Put Blob (up to 5,000 MiB)
 * and one GET carry. Retries (5xx, 429, network errors) come from the HTTP client.
 *
 * Signed URLs are credentials: the HTTP clients here log nothing, and no message shows a URL's query.
 */



const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/';
/** The Blob service version @azure/storage-blob 12 sends; Put Blob takes up to 5,000 MiB from 2019-12-12. */
const BLOB_API_VERSION = '2025-01-05';
/** Largest entry downloaded; far above any context document. */
const MAX_ENTRY_BYTES = 512 * 1024 * 1024;
/** The service's answer to a write the run may not make (untrusted-event runs). */
const WRITE_DENIED = 'cache write denied';
/** Thrown for a write the service denies by policy: retrying or re-checking cannot help. */
class CacheWriteDenied extends Error {
}
function createCacheClient(env, options) {
    const http = (timeoutMs, more = {}) => (0,client.createHttpClient)({
        maxAttempts: options.attempts,
        baseDelayMs: options.baseDelayMs,
        requestTimeoutMs: timeoutMs,
        maxTotalMs: timeoutMs * options.attempts + 30_000,
        ...more
    });
    const twirp = http(options.requestTimeoutMs);
    const blobs = http(options.transferTimeoutMs, { maxResponseBytes: MAX_ENTRY_BYTES });
    // Like @actions/cache: the path of ACTIONS_RESULTS_URL is replaced, only its origin counts.
    const call = (method, body) => callTwirp(twirp, new URL(SERVICE + method, env.resultsUrl).href, env.token, method, body);
    return {
        locate: async (key, version) => foundEntry(await call('GetCacheEntryDownloadURL', { key, restore_keys: [], version })),
        reserve: (key, version) => reserve(call, key, version),
        finalize: async (key, version, size) => {
            const body = await call('FinalizeCacheEntryUpload', {
                key,
                version,
                size_bytes: String(size)
            });
            if (body.ok !== true)
                throw new Error(refusal('FinalizeCacheEntryUpload', body));
        },
        upload: (url, bytes) => upload(blobs, url, bytes),
        download: (url) => download(blobs, url)
    };
}
/** A Twirp call answered with an error status, and the service's message if it gave one. */
class TwirpStatusError extends Error {
    status;
    msg;
    constructor(message, status, msg) {
        super(message);
        this.status = status;
        this.msg = msg;
    }
}
/** One Twirp call: the body of a 2xx answer; an error status, a body that is not JSON, or no answer throws. */
async function callTwirp(http, url, token, method, payload) {
    const response = await http.request({
        method: 'POST',
        url,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(payload)
    });
    const body = parseBody(response.body);
    const { status } = response;
    if (status < 200 || status > 299) {
        const msg = typeof body?.msg === 'string' ? body.msg : undefined;
        throw new TwirpStatusError(`${method} answered HTTP ${status}${msg ? `: ${msg}` : ''}`, status, msg);
    }
    if (!body)
        throw new Error(`${method} answered with a body that is not JSON`);
    return body;
}
function foundEntry(body) {
    if (body.ok !== true)
        return undefined;
    const matched = body.matched_key ?? body.matchedKey;
    if (typeof matched !== 'string' || matched === '') {
        throw new Error('GetCacheEntryDownloadURL reported a hit without a matched key');
    }
    const signed = body.signed_download_url ?? body.signedDownloadUrl;
    const downloadUrl = typeof signed === 'string' && signed !== '' ? signed : undefined;
    return { key: matched, location: downloadUrl && entryLocation(downloadUrl), downloadUrl };
}
async function reserve(call, key, version) {
    let body;
    try {
        body = await call('CreateCacheEntry', { key, version });
    }
    catch (err) {
        // The service words a denial the same way whether it answers ok:false or a Twirp error.
        if (err instanceof Error && err.message.includes(WRITE_DENIED)) {
            throw new CacheWriteDenied(err.message);
        }
        // 409: another writer holds the key (reserved or saved).
        if (err instanceof TwirpStatusError && err.status === 409) {
            return { refused: refusal('CreateCacheEntry', { msg: err.msg }) };
        }
        throw err;
    }
    const url = body.signed_upload_url ?? body.signedUploadUrl;
    if (body.ok === true && typeof url === 'string' && url !== '')
        return { uploadUrl: url };
    const reason = refusal('CreateCacheEntry', body);
    if (reason.includes(WRITE_DENIED))
        throw new CacheWriteDenied(reason);
    return { refused: reason };
}
function refusal(method, body) {
    const text = [body.message, body.msg].find((m) => typeof m === 'string' && m !== '');
    return `${method} refused${typeof text === 'string' ? `: ${text}` : ''}`;
}
/** One Put Blob: the whole archive as a block blob. */
async function upload(http, url, bytes) {
    const response = await http.request({
        method: 'PUT',
        url,
        headers: {
            'Content-Type': 'application/octet-stream',
            'x-ms-blob-type': 'BlockBlob',
            'x-ms-version': BLOB_API_VERSION
        },
        body: bytes
    });
    if (response.status !== 201)
        throw new Error(blobFailure('upload', response.status));
}
async function download(http, url) {
    const response = await http.request({
        method: 'GET',
        url,
        headers: { 'x-ms-version': BLOB_API_VERSION }
    });
    if (response.status !== 200)
        throw new Error(blobFailure('download', response.status));
    const length = Number(response.headers['content-length'] ?? response.bytes.length);
    if (length !== response.bytes.length) {
        throw new Error(`the download ended after ${response.bytes.length} of ${length} bytes`);
    }
    return response.bytes;
}
function blobFailure(what, status) {
    return `the blob ${what} answered HTTP ${status}`;
}
function parseBody(text) {
    try {
        const value = JSON.parse(text);
        return (0,types/* isJsonObject */.O)(value) ? value : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/stores/actions-cache-service.ts
/**
 * What the actions-cache store needs from the runner besides the service itself: the runner environment
 * check, the cache-mode check, and the cache version that names entries. The version must be the one
 * @actions/cache computes for the same file, or entries written by earlier versions of this tool (which
 * used @actions/cache) and entries written now would not see each other; `cacheVersion` mirrors
 * `getCacheVersion` of @actions/cache 6 and a test pins the two together.
 */




const REQUIRED_ENV = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL', 'RUNNER_TEMP'];
/** The runner's cache-service settings; a StoreError naming what is missing outside Actions. */
function readRunnerEnv(env = process.env) {
    const missing = REQUIRED_ENV.filter((name) => !env[name]);
    if (missing.length > 0) {
        throw new errors/* StoreError */.AD('the actions-cache datasource only works inside GitHub Actions, in a JavaScript action step: ' +
            `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set ` +
            '(the runner gives these to actions, not to run: steps); use redis or a file datasource elsewhere');
    }
    if (isGhes(env)) {
        throw new errors/* StoreError */.AD(`the actions-cache datasource is not available on GitHub Enterprise Server ` +
            `(GITHUB_SERVER_URL=${env.GITHUB_SERVER_URL}): use redis or a file datasource`);
    }
    if (!env.ACTIONS_CACHE_SERVICE_V2) {
        throw new errors/* StoreError */.AD("the actions-cache datasource needs GitHub's cache service v2, but ACTIONS_CACHE_SERVICE_V2 " +
            'is not set (the legacy service, as offered by act, is not supported)');
    }
    return {
        resultsUrl: parseResultsUrl(env.ACTIONS_RESULTS_URL ?? ''),
        token: env.ACTIONS_RUNTIME_TOKEN ?? ''
    };
}
function parseResultsUrl(text) {
    try {
        return new URL(text);
    }
    catch {
        throw new errors/* StoreError */.AD('ACTIONS_RESULTS_URL is not a valid URL');
    }
}
/** Same rule as @actions/cache: anything but github.com, *.ghe.com and *.localhost is GHES. */
function isGhes(env) {
    let host;
    try {
        host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.toLowerCase();
    }
    catch {
        return false;
    }
    return host !== 'github.com' && !host.endsWith('.ghe.com') && !host.endsWith('.localhost');
}
const KNOWN_MODES = ['none', 'read', 'write', 'write-only'];
/**
 * @actions/cache silently skips reads or writes that ACTIONS_CACHE_MODE forbids (restore returns
 * undefined, save returns -1); here that is an error, since a skipped write is a lost update.
 */
function checkCacheMode(needs, env = process.env) {
    const mode = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
    if (!KNOWN_MODES.includes(mode))
        return;
    const allowed = {
        read: mode === 'read' || mode === 'write',
        write: mode === 'write' || mode === 'write-only'
    };
    const denied = needs.find((access) => !allowed[access]);
    if (denied) {
        throw new errors/* StoreError */.AD(`actions-cache: ACTIONS_CACHE_MODE=${mode} does not permit cache ${denied}s in this run ` +
            '(GitHub restricts the cache for runs triggered by untrusted events)');
    }
}
let probed;
/**
 * What @actions/cache picks: zstd when a `zstd` program is on PATH (it runs `zstd --quiet --version`
 * and checks for output), else gzip. The method is part of the cache version, so it must be decided the
 * same way; looking the program up costs microseconds where running it costs a process start.
 */
function compressionMethod(env = process.env) {
    const path = env.PATH ?? '';
    if (probed?.path !== path) {
        const program = process.platform === 'win32' ? 'zstd.exe' : 'zstd';
        const found = path
            .split(external_node_path_.delimiter)
            .some((dir) => dir !== '' && isExecutable((0,external_node_path_.join)(dir, program)));
        probed = { path, method: found ? 'zstd-without-long' : 'gzip' };
    }
    return probed.method;
}
function isExecutable(path) {
    try {
        (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
/** The version @actions/cache 6 sends for `paths` (cacheUtils.getCacheVersion, not cross-OS). */
function cacheVersion(paths, method, platform = process.platform) {
    const parts = [...paths, method];
    if (platform === 'win32')
        parts.push('windows-only');
    parts.push('1.0');
    return (0,external_node_crypto_.createHash)('sha256').update(parts.join('|')).digest('hex');
}
/** A one-line StoreError for a failed exchange with the cache service. */
function serviceFailed(doing, cause) {
    return new errors/* StoreError */.AD(`actions-cache: the cache service failed while ${doing}: ${(0,errors/* firstLine */.TM)(cause)}`, {
        cause
    });
}

;// CONCATENATED MODULE: ./src/stores/actions-cache-store.ts
/**
 * The `actions-cache` datasource: context documents kept in GitHub's Actions cache through
 * @actions/cache, so a workflow needs no Redis and no setup.
 *
 * Cache entries are immutable, so every write is a new entry: revision n of id X is stored under
 * `<keyPrefix><escaped X>-r<n, 10 digits>` and a read restores the newest entry matching the prefix
 * `<keyPrefix><escaped X>-r`. The archived file holds `{id, revision, writer, document}`, so the
 * revision comes from content, not from the key.
 *
 * No lost updates: an update reads revision n, applies the mutation and saves revision n+1. Two writers
 * that both read n both try to reserve n+1 and the service refuses the second (HTTP 409). When a save
 * is refused or fails midway, the store asks the service whether revision n+1 now exists: if so another
 * writer won (or our own save landed although its answer was lost), and the store reloads, re-applies
 * the mutation and retries (bounded, jittered); if not, the save failed and a StoreError says so: an
 * update is never dropped silently. A read tells "no such context" (undefined) from "the service failed"
 * (StoreError).
 *
 * Branch scoping (GitHub's rule, not ours): a run reads the cache of its own ref first, then of the
 * default branch (and a pull request's base); it writes only to its own ref. A pull-request run
 * writes to `refs/pull/<n>/merge`, which only later runs of that pull request can read. A context
 * updated in a PR run therefore forks from the default branch's copy: the default branch and other
 * branches keep seeing their own newest revision. Entries unused for 7 days are evicted, and the
 * repository's cache size limit evicts the least recently used first.
 *
 * Job-local copy: every read still asks the service which entry is newest, but when that is the entry
 * this job last read or wrote, its content comes from a copy under RUNNER_TEMP instead of a download
 * (see actions-cache-local-copy.ts).
 *
 * The service is spoken to directly (actions-cache-client.ts) and entries are packed in-process
 * (actions-cache-archive.ts), in the format @actions/cache makes and reads.
 */








const DEFAULT_TUNING = {
    conflictBackoffMs: 250,
    pendingCheckDelaysMs: [500, 1500, 3000],
    lookupAttempts: 4,
    lookupBaseDelayMs: 1000,
    requestTimeoutMs: 30_000,
    operationTimeoutMs: 300_000
};
const DEFAULT_MAX_ATTEMPTS = 10;
const actions_cache_store_FORMAT = 1;
/**
 * The store factory. Throws StoreError outside GitHub Actions (naming the missing variable) and
 * ConfigError for unusable settings. `tuning` is for tests; callers pass two arguments.
 */
async function createActionsCacheStore(settings, logger, tuning = {}) {
    const env = readRunnerEnv();
    logger.addSecret(env.token);
    const config = {
        keyPrefix: checkKeyPrefix(settings.keyPrefix ?? DEFAULT_KEY_PREFIX),
        workDir: checkWorkDir(settings.workDir ?? DEFAULT_WORK_DIR),
        maxAttempts: attemptsSetting(settings.maxAttempts),
        lockDir: process.env.RUNNER_TEMP ?? '',
        tuning: { ...DEFAULT_TUNING, ...tuning }
    };
    const client = createCacheClient(env, {
        attempts: config.tuning.lookupAttempts,
        baseDelayMs: config.tuning.lookupBaseDelayMs,
        requestTimeoutMs: config.tuning.requestTimeoutMs,
        transferTimeoutMs: config.tuning.operationTimeoutMs
    });
    const copies = new LocalCopies(config.lockDir, fitsEntry, logger);
    return new ActionsCacheStore(config, client, copies, logger);
}
function attemptsSetting(value) {
    if (value === undefined)
        return DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(value) || value < 1) {
        throw new errors/* ConfigError */.xL(`actions-cache: maxAttempts must be a whole number >= 1, got ${value}`);
    }
    return value;
}
class ActionsCacheStore {
    config;
    client;
    copies;
    logger;
    name = 'actions-cache';
    loadable = true;
    constructor(config, client, copies, logger) {
        this.config = config;
        this.client = client;
        this.copies = copies;
        this.logger = logger;
    }
    async load(id) {
        checkCacheMode(['read']);
        const current = await this.read(id, this.entries(id));
        return current?.document;
    }
    async update(id, mutate) {
        checkCacheMode(['read', 'write']);
        const names = this.entries(id);
        const max = this.config.maxAttempts;
        let lostWriter;
        for (let attempt = 1; attempt <= max; attempt++) {
            const current = await this.read(id, names);
            // A save reported as failed may still have landed; never apply the change twice.
            if (lostWriter !== undefined && current?.writer === lostWriter)
                return current.document;
            const archive = this.nextArchive(id, current, mutate);
            if (await this.write(names, archive))
                return archive.document;
            lostWriter = archive.writer;
            if (attempt < max) {
                this.logger.info(`actions-cache: another job wrote revision ${archive.revision} of context '${id}' first; ` +
                    `reloading and re-applying the change (attempt ${attempt + 1} of ${max})`);
                await sleep(jitter(this.config.tuning.conflictBackoffMs, attempt));
            }
        }
        throw new errors/* ConflictError */.fK(`actions-cache: gave up updating context '${id}' after ${max} attempts: ` +
            'other jobs kept writing it at the same time (raise maxAttempts or use redis)');
    }
    async save(id, doc) {
        await this.update(id, () => doc);
    }
    /**
     * Revision 1, only when no revision of `id` is found: two creators both try to create revision 1 and
     * the service refuses the second (409), which then answers false like a found revision.
     */
    async create(id, doc) {
        checkCacheMode(['read', 'write']);
        const names = this.entries(id);
        if ((await this.newest(id, names)) !== undefined)
            return false;
        const writer = (0,external_node_crypto_.randomUUID)();
        return this.write(names, { format: actions_cache_store_FORMAT, id, revision: 1, writer, document: doc });
    }
    /** The runtime cache service has no delete; the REST API does, with a token this store does not hold. */
    async delete(id) {
        const prefix = this.entries(id).prefix;
        throw new errors/* StoreError */.AD(`actions-cache: the runtime cache service cannot delete entries; delete context '${id}' with ` +
            `\`gh cache list --key ${prefix}\` then \`gh cache delete <key>\` for each revision ` +
            '(REST: DELETE /repos/{owner}/{repo}/actions/caches?key=<key>), or let GitHub evict it after 7 days unused');
    }
    async close() { }
    entries(id) {
        const names = entryNames(this.config.keyPrefix, this.config.workDir, id);
        const method = compressionMethod();
        return { ...names, method, version: cacheVersion([names.relPath], method) };
    }
    nextArchive(id, current, mutate) {
        const document = mutate(current?.document);
        const revision = (current?.revision ?? 0) + 1;
        return { format: actions_cache_store_FORMAT, id, revision, writer: (0,external_node_crypto_.randomUUID)(), document };
    }
    /** The newest entry of `id`, undefined when it has none; StoreError when the service failed. */
    async newest(id, names) {
        try {
            return await this.client.locate(names.prefix, names.version);
        }
        catch (err) {
            throw serviceFailed(`looking up context '${id}'`, err);
        }
    }
    /** The newest revision, undefined when the id has none; StoreError when the service failed. */
    async read(id, names) {
        const found = await this.newest(id, names);
        if (found === undefined) {
            this.logger.debug(`actions-cache: no entry for context '${id}' (prefix ${names.prefix})`);
            return undefined;
        }
        const { version } = names;
        const entry = found.location && { key: found.key, version, location: found.location };
        const held = entry && this.copies.read(names.prefix, id, entry);
        if (held) {
            this.logger.debug(`actions-cache: revision ${held.revision} of '${id}' is the job's copy`);
            return held;
        }
        const archive = await this.download(id, names, found);
        if (entry && fitsEntry(archive, id, found.key))
            await this.copies.write(names.prefix, entry, archive);
        return archive;
    }
    async download(id, names, found) {
        const { key, downloadUrl } = found;
        if (downloadUrl === undefined) {
            throw new errors/* StoreError */.AD(`actions-cache: the cache service named entry '${key}' of context '${id}' without a download URL`);
        }
        let bytes;
        try {
            bytes = await this.client.download(downloadUrl);
        }
        catch (err) {
            throw serviceFailed(`downloading entry '${key}' of context '${id}'`, err);
        }
        const archive = parseArchive(await this.unpack(bytes, names, key), id, key);
        this.logger.debug(`actions-cache: read revision ${archive.revision} of '${id}' from ${key}`);
        return archive;
    }
    async unpack(bytes, names, key) {
        try {
            return (await unpackEntry(bytes, names.relPath, names.method)).toString('utf8');
        }
        catch (err) {
            const reason = (0,errors/* errorMessage */.gJ)(err).replace(/^actions-cache: /, '');
            throw new errors/* StoreError */.AD(`actions-cache: cache entry ${key} cannot be read: ${reason}`, {
                cause: err
            });
        }
    }
    /** True when saved; false when that revision exists now (another writer's, or ours); StoreError otherwise. */
    async write(names, archive) {
        const key = revisionKey(names, archive.revision);
        const content = Buffer.from(JSON.stringify(archive), 'utf8');
        const bytes = await packEntry(names.relPath, content, names.method);
        const failure = await this.upload(key, names.version, bytes, archive.id);
        if (failure === undefined) {
            this.logger.debug(`actions-cache: saved revision ${archive.revision} of '${archive.id}' as ${key}`);
            await this.keepCopy(names, key, archive);
            return true;
        }
        if (await this.revisionTaken(key, names, archive.id))
            return false;
        throw new errors/* StoreError */.AD(`actions-cache: could not save revision ${archive.revision} of context '${archive.id}' ` +
            `(key ${key}): ${(0,errors/* firstLine */.TM)(failure)}; the update was not stored`);
    }
    /**
     * Reserves, uploads and finalizes `key`. Undefined when the entry is saved; otherwise why not (the
     * service's refusal, or a failure that may or may not have left the entry saved). A policy denial
     * throws: re-checking cannot change it.
     */
    async upload(key, version, bytes, id) {
        try {
            const reservation = await this.client.reserve(key, version);
            if (!('uploadUrl' in reservation))
                return reservation.refused;
            await this.client.upload(reservation.uploadUrl, bytes);
            await this.client.finalize(key, version, bytes.length);
            return undefined;
        }
        catch (err) {
            if (err instanceof CacheWriteDenied) {
                throw new errors/* StoreError */.AD(`actions-cache: saving context '${id}': ${err.message}`);
            }
            return err ?? 'unknown failure';
        }
    }
    /**
     * Records what was just saved as the job's copy, so the next read is a lookup only. The entry's
     * location comes from a lookup of the exact key (the upload URL need not name the blob as a download
     * URL does); when that fails the save still stands and the next read downloads.
     */
    async keepCopy(names, key, archive) {
        const { version } = names;
        let found;
        try {
            found = await this.client.locate(key, version);
        }
        catch (err) {
            this.logger.debug(`actions-cache: no job-local copy of ${key}: ${(0,errors/* errorMessage */.gJ)(err)}`);
            return;
        }
        if (found?.key !== key || !found.location)
            return;
        const entry = { key, version, location: found.location };
        await this.copies.write(names.prefix, entry, archive);
    }
    /** Whether `key` exists now, allowing a concurrent writer time to finish uploading it. */
    async revisionTaken(key, names, id) {
        const { version } = names;
        for (const delay of [0, ...this.config.tuning.pendingCheckDelaysMs]) {
            await sleep(delay);
            let matched;
            try {
                matched = (await this.client.locate(key, version))?.key;
            }
            catch (err) {
                throw serviceFailed(`checking why saving '${id}' failed`, err);
            }
            if (matched === key)
                return true;
        }
        return false;
    }
}
function parseArchive(text, id, key) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        throw new errors/* StoreError */.AD(`actions-cache: cache entry ${key} holds malformed JSON`);
    }
    if (!isArchive(value)) {
        throw new errors/* StoreError */.AD(`actions-cache: cache entry ${key} is not a cicdstatemgr document`);
    }
    // Keys are escaped ids, but a service that compared keys case-insensitively could still mix ids.
    if (value.id !== id) {
        throw new errors/* StoreError */.AD(`actions-cache: cache entry ${key} holds context '${value.id}', not '${id}'`);
    }
    return value;
}
/** An archive of context `id` whose revision is the one `key` names (for the job-local copy). */
function fitsEntry(value, id, key) {
    return isArchive(value) && value.id === id && key.endsWith(`-r${pad(value.revision)}`);
}
function pad(revision) {
    return String(revision).padStart(10, '0');
}
function isArchive(value) {
    return ((0,types/* isJsonObject */.O)(value) &&
        value.format === actions_cache_store_FORMAT &&
        typeof value.id === 'string' &&
        typeof value.revision === 'number' &&
        Number.isInteger(value.revision) &&
        value.revision >= 1 &&
        typeof value.writer === 'string' &&
        (0,types/* isJsonObject */.O)(value.document) &&
        (0,types/* isJsonObject */.O)(value.document.state));
}
function jitter(baseMs, attempt) {
    const ceiling = baseMs * 2 ** Math.min(attempt - 1, 4);
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
function sleep(ms) {
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}


/***/ })

};
;