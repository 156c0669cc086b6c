// The rule registry: every rule of the pack, in report order. docs/compliance.md is generated from it.
import type { IRule } from "../types";
import { TC_IAM_001 } from "./tc-iam-001";
import { TC_IAM_002 } from "./tc-iam-002";
import { TC_IAM_003 } from "./tc-iam-003";
import { TC_IAM_004 } from "./tc-iam-004";
import { TC_KEY_001 } from "./tc-key-001";
import { TC_KEY_002 } from "./tc-key-002";
import { TC_KEY_003 } from "./tc-key-003";
import { TC_ENC_001 } from "./tc-enc-001";
import { TC_ENC_002 } from "./tc-enc-002";
import { TC_MTLS_001 } from "./tc-mtls-001";
import { TC_MTLS_002 } from "./tc-mtls-002";
import { TC_MTLS_003 } from "./tc-mtls-003";
import { TC_MTLS_004 } from "./tc-mtls-004";
import { TC_MTLS_005 } from "./tc-mtls-005";
import { TC_NET_001 } from "./tc-net-001";
import { TC_LIFE_001 } from "./tc-life-001";
import { TC_LIFE_002 } from "./tc-life-002";
import { TC_RET_001 } from "./tc-ret-001";
import { TC_RET_002 } from "./tc-ret-002";
import { TC_CODEC_001 } from "./tc-codec-001";
import { TC_HA_001 } from "./tc-ha-001";
import { TC_AUD_001 } from "./tc-aud-001";
import { TC_SEP_001 } from "./tc-sep-001";
import { TC_SEP_002 } from "./tc-sep-002";
import { TC_SEC_001 } from "./tc-sec-001";
import { TC_SEC_002 } from "./tc-sec-002";
import { TC_CTX_001 } from "./tc-ctx-001";
import { TC_SCHEMA_001 } from "./tc-schema-001";

export const RULES: readonly IRule[] = [
  TC_IAM_001, TC_IAM_002, TC_IAM_003, TC_IAM_004,
  TC_KEY_001, TC_KEY_002, TC_KEY_003,
  TC_ENC_001, TC_ENC_002,
  TC_MTLS_001, TC_MTLS_002, TC_MTLS_003, TC_MTLS_004, TC_MTLS_005,
  TC_NET_001,
  TC_LIFE_001, TC_LIFE_002,
  TC_RET_001, TC_RET_002,
  TC_CODEC_001,
  TC_HA_001,
  TC_AUD_001,
  TC_SEP_001, TC_SEP_002,
  TC_SEC_001, TC_SEC_002,
  TC_CTX_001,
  TC_SCHEMA_001,
];

export function ruleById(id: string): IRule | undefined {
  return RULES.find((r) => r.id === id);
}
