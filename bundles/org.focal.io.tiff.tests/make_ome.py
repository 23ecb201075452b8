import sys, numpy as np, tifffile, openslide
svs, out = sys.argv[1], sys.argv[2]
s = openslide.OpenSlide(svs)
rgb = np.asarray(s.read_region((300, 400), 0, (1536, 1024)).convert('RGB'))
levels = [rgb, rgb[::2, ::2], rgb[::4, ::4]]
with tifffile.TiffWriter(out + '/rgb.ome.tif', ome=True) as tif:
    tif.write(levels[0], subifds=2, tile=(256, 256), photometric='rgb', compression='zlib',
              metadata={'axes': 'YXS', 'Name': 'tissue', 'PhysicalSizeX': 0.499, 'PhysicalSizeXUnit': 'µm',
                        'PhysicalSizeY': 0.499, 'PhysicalSizeYUnit': 'µm'})
    for l in levels[1:]:
        tif.write(l, subfiletype=1, tile=(256, 256), photometric='rgb', compression='zlib')
for i, l in enumerate(levels):
    open(f'{out}/rgb{i}.raw', 'wb').write(np.ascontiguousarray(l).tobytes())
# multi-channel z-stack over time, 16-bit, stripped and uncompressed
grey = rgb[:300, :400].astype(np.uint16)
stack = np.zeros((2, 3, 2, 300, 400), dtype='<u2')
for t in range(2):
    for z in range(3):
        for c in range(2):
            stack[t, z, c] = grey[..., c] * 200 + t * 1000 + z * 100 + c * 7
tifffile.imwrite(out + '/stack.ome.tif', stack, ome=True, photometric='minisblack',
                 metadata={'axes': 'TZCYX', 'PhysicalSizeX': 250, 'PhysicalSizeXUnit': 'nm', 'PhysicalSizeY': 250,
                           'PhysicalSizeYUnit': 'nm', 'PhysicalSizeZ': 2.5, 'PhysicalSizeZUnit': 'µm',
                           'Channel': {'Name': ['DAPI', 'FITC']}})
open(out + '/stack.raw', 'wb').write(stack.tobytes())
