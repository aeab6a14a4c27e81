export function pageOf(args: { page?: number | undefined; pageSize?: number | undefined }): { page: number; pageSize: number; offset: number } {
  const page = args.page ?? 1
  const pageSize = args.pageSize ?? 20
  return { page, pageSize, offset: (page - 1) * pageSize }
}
