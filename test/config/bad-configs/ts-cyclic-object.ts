// mistake: a .ts config whose object refers to itself
// path: namespaces[0].tags.self
// value: -
// fix: write the values out instead
const tags: Record<string, unknown> = { team: "payments" };
tags.self = tags;
export default { namespaces: [{ name: "orders-dev", environment: "development", regions: ["aws-us-east-1"], auth: { apiKey: true }, tags }] };
