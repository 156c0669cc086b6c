// mistake: a .ts config with a syntax error
// path: (config)
// value: line 6
// fix: fix the syntax error
export default {
  namespaces: [ { name: "orders-dev", environment: "development" ;
};
