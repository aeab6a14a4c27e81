/** Passwords every guesser tries first; refused whatever their length. */
const COMMON = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '11111111',
  '88888888',
  '66666666',
  '00000000',
  'password',
  'password1',
  'qwertyui',
  'qwerty123',
  'abc12345',
  'abcd1234',
  'a1234567',
  '1qaz2wsx',
  'admin123',
  'admin888',
  'iloveyou',
  'woaini1314',
  'aa123456',
  'zxcvbnm123'
])

export const PASSWORD_MIN_LENGTH = 8

/**
 * The minimum strength: 8+ characters, at least two kinds (letters, digits, symbols),
 * not a well-known password, not the user name. Returns a Chinese reason, or null when fine.
 */
export function passwordProblem(password: string, username = ''): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`
  if (password.length > 128) return '密码不能超过 128 位'
  const kinds = [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((kind) => kind.test(password)).length
  if (kinds < 2) return '密码需要同时包含字母、数字、符号中的至少两种'
  if (COMMON.has(password.toLowerCase())) return '这个密码太常见，很容易被猜到，请换一个'
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名'
  return null
}
