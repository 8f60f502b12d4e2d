/**
 * 应知应会 score out of 100: the share of questions answered right, rounded half up; passed at or
 * above the test's pass mark (90 in seed 001; below it the person goes back to training, 回炉).
 */
export function scoreOf(answers: { chosen: number; correct: number }[], passScore: number) {
  const correct = answers.filter((a) => a.chosen === a.correct).length;
  const score = answers.length === 0 ? 0 : Math.floor((correct * 100 * 2 + answers.length) / (answers.length * 2));
  return { correct, score, passed: score >= passScore };
}
