import {
  LIGHT_LABELS,
  LIGHT_ORDER,
  LIGHT_WORDS,
  STATUS_ORDER,
  STATUS_WORDS,
  TYPE_ORDER,
  TYPE_WORDS,
} from "./vocabulary";

describe("the vocabulary", () => {
  it("lists every word of each table once, in its order", () => {
    expect([...LIGHT_ORDER].sort()).toEqual(Object.keys(LIGHT_WORDS).sort());
    expect([...STATUS_ORDER].sort()).toEqual(Object.keys(STATUS_WORDS).sort());
    expect([...TYPE_ORDER].sort()).toEqual(Object.keys(TYPE_WORDS).sort());
  });

  it("writes the 预警状态 words of SPEC §8", () => {
    expect(LIGHT_ORDER.map((light) => LIGHT_LABELS[light])).toEqual(["红灯", "黄灯", "绿灯", "已销号", "待补充"]);
  });
});
