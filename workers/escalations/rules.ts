import { ESCALATION_STEPS, type EscalationStep } from "../../db/schema/tenant/supervision.ts";

const LABEL: Record<EscalationStep, string> = { notice: "通报", interview: "约谈", accountability: "问责" };

/**
 * 一次通报、二次约谈、三次问责 (seed 001): the n-th confirmed problem of a target within a year
 * moves it to the n-th step, one step at a time. Given the steps already taken and the confirmed
 * problems, the next step, or why there is none.
 */
export function nextStep(
  stepsTaken: number,
  confirmedProblems: number,
): { step: EscalationStep | null; reason: string | null } {
  if (stepsTaken >= ESCALATION_STEPS.length) return { step: null, reason: "本年度已问责，阶梯已走完" };
  if (confirmedProblems === 0) return { step: null, reason: "该对象本年度没有已确认的问题" };
  if (confirmedProblems <= stepsTaken)
    return {
      step: null,
      reason: `已${LABEL[ESCALATION_STEPS[stepsTaken - 1]!]}；再有一个问题确认属实后才能${LABEL[ESCALATION_STEPS[stepsTaken]!]}`,
    };
  return { step: ESCALATION_STEPS[stepsTaken]!, reason: null };
}

/** Why `step` cannot be recorded now (a clear 409 message), or null when it is the next step. */
export function stepRefusal(step: EscalationStep, stepsTaken: number, confirmedProblems: number): string | null {
  const index = ESCALATION_STEPS.indexOf(step);
  if (confirmedProblems === 0) return `该对象本年度没有已确认的问题，不能${LABEL[step]}`;
  if (index < stepsTaken) return `本年度已经${LABEL[step]}过，不能重复`;
  if (index > stepsTaken) return `须先${LABEL[ESCALATION_STEPS[stepsTaken]!]}，不能越级${LABEL[step]}`;
  if (confirmedProblems <= index)
    return `${LABEL[step]}须有第 ${index + 1} 个已确认的问题，目前只有 ${confirmedProblems} 个`;
  return null;
}

export const STEP_LABEL = LABEL;
