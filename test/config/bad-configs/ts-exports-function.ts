// mistake: a .ts config that exports a function instead of the object
// path: (config)
// value: a function
// fix: write it as keys such as namespaces:
export default () => ({ namespaces: [] });
