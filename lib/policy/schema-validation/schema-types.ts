// Shapes of `terraform providers schema -json` and of the provider's validator catalogue (validators.json).

export type SchemaType = string | [string, SchemaType] | ["object", Record<string, SchemaType>] | ["tuple", SchemaType[]];

export interface SchemaAttribute {
  type?: SchemaType;
  nested_type?: NestedType;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  deprecated?: boolean;
}

export interface NestedType {
  attributes: Record<string, SchemaAttribute>;
  nesting_mode: "single" | "list" | "set" | "map";
}

export interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<string, BlockType>;
}

export interface BlockType {
  nesting_mode: "single" | "list" | "set" | "map" | "group";
  block: SchemaBlock;
  min_items?: number;
  max_items?: number;
}

export interface ProviderSchema {
  resource_schemas: Record<string, { block: SchemaBlock }>;
  data_source_schemas: Record<string, { block: SchemaBlock }>;
}

export interface ValidatorRule {
  kind: string;
  category: string;
  min?: number;
  max?: number;
  pattern?: string;
  message?: string;
  values?: string[];
  case_insensitive?: boolean;
  paths?: string[];
  validators?: ValidatorRule[];
  field?: string;
  sibling?: string;
  other_path?: string;
  when_values?: string[];
  /** code_check: the provider's error title(s), when it runs, and what it checks. */
  error?: string;
  errors?: string[];
  phase?: string;
  rule?: string;
  name?: string;
}

/** resource type → dotted attribute path → rules. */
export type ValidatorCatalogue = Record<string, Record<string, ValidatorRule[]>>;
