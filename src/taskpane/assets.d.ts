/** Images imported by the pane are emitted by webpack as files; the import is their URL. */
declare module "*.png" {
  const url: string;
  export default url;
}
