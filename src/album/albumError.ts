/** A problem with the album's input (a track, the graph, the plan) that names its place. */
export class AlbumError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AlbumError';
  }
}
