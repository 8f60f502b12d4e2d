import { z } from "zod";
import type { $ZodRawIssue } from "zod/v4/core";
import { FIELD_LABELS } from "../../web/i18n/zh-CN.ts";

/**
 * Validation messages in plain Chinese that name the field and the limit ("户主姓名不能超过 50
 * 个字"), for the admin forms and the API alike. A schema's own message still wins; zod's zh-CN
 * locale (workers/lib/zod-locale.ts) answers what is not covered here. Imported once by the app.
 */
type RawIssue = $ZodRawIssue;

function fieldOf(path: readonly PropertyKey[] | undefined): string {
  const named = [...(path ?? [])].reverse().find((p): p is string => typeof p === "string");
  return (named && FIELD_LABELS[named]) || "此项";
}

const NUMBER_ORIGINS = new Set(["number", "int", "bigint"]);
const COUNT_ORIGINS = new Set(["array", "set"]);

export function plainMessage(iss: RawIssue): string | undefined {
  const f = fieldOf(iss.path);
  switch (iss.code) {
    case "too_big": {
      const max = String(iss.maximum);
      if (iss.origin === "string") return `${f}不能超过 ${max} 个字`;
      if (NUMBER_ORIGINS.has(iss.origin)) return `${f}不能大于 ${max}`;
      if (COUNT_ORIGINS.has(iss.origin)) return `${f}最多 ${max} 项`;
      if (iss.origin === "date") return `${f}不能晚于 ${max}`;
      return `${f}超出了上限`;
    }
    case "too_small": {
      const min = String(iss.minimum);
      if (iss.origin === "string") return min === "1" ? `请填写${f}` : `${f}至少 ${min} 个字`;
      if (NUMBER_ORIGINS.has(iss.origin)) return `${f}不能小于 ${min}`;
      if (COUNT_ORIGINS.has(iss.origin)) return `${f}至少要选 ${min} 项`;
      return `${f}低于下限`;
    }
    case "invalid_type": {
      if (iss.input === undefined || iss.input === null || iss.input === "") return `请填写${f}`;
      if (iss.expected === "number" || iss.expected === "int" || iss.expected === "bigint") return `${f}应为数字`;
      if (iss.expected === "boolean") return `${f}应为“是”或“否”`;
      if (iss.expected === "array") return `${f}应为一组值`;
      if (iss.expected === "date") return `${f}应为日期`;
      return `${f}的格式不对`;
    }
    case "invalid_value":
      return `${f}不是可选的值，请从列表中选择`;
    case "invalid_format":
      return `${f}的格式不对`;
    case "not_multiple_of":
      return `${f}应为 ${String(iss.divisor)} 的整数倍`;
    case "unrecognized_keys":
      return `提交了不认识的项目：${iss.keys.join("、")}`;
    case "invalid_union":
      return `${f}的格式不对`;
    default:
      return undefined;
  }
}

z.config({ customError: plainMessage });
