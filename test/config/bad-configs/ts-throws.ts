// mistake: a .ts config that throws while loading
// path: (config)
// value: Error: the estate is not ready
// fix: must export the configuration object without throwing
const ready = false;
if (!ready) throw new Error("the estate is not ready");
export default { namespaces: [] };
