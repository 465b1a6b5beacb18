/**
 * Keys read from files, stores and responses are data, and `__proto__` is a legal key in YAML and
 * JSON (both readers create it as an own property). Copying such a key with `obj[key] = value` would
 * instead re-parent `obj`, so every data-derived key is written through here: it always becomes an
 * own, enumerable property, whatever its name.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true
    })
  } else {
    target[key] = value
  }
}

/** The value of an own property, never an inherited member such as `constructor`. */
export function getOwn<T>(target: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(target, key) ? target[key] : undefined
}
