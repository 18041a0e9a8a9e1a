"""A small NumPy interpreter for the ONNX operators the demo model's graphs use.

Debian 12's python3-onnx (1.12) has no `onnx.reference` and Debian has no python3-onnxruntime,
so train.py runs the exported files through this to check them against PyTorch and to compute
the held-out metrics from the exported graphs themselves. It follows the ONNX operator
definitions (opset 17) for the cases these graphs need and raises on anything else.
"""
from __future__ import annotations

import numpy as np
import onnx
from onnx import numpy_helper
from scipy.special import erf


def _attrs(node) -> dict:
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _conv(x, w, b, strides, pads, dilations, group):
    if group != 1 or any(d != 1 for d in dilations):
        raise NotImplementedError("Conv with groups/dilations")
    n, c, h, wd = x.shape
    oc, ic, kh, kw = w.shape
    x = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    sh, sw = strides
    oh = (x.shape[2] - kh) // sh + 1
    ow = (x.shape[3] - kw) // sw + 1
    # im2col via strides: [n, c, oh, ow, kh, kw]
    s = x.strides
    cols = np.lib.stride_tricks.as_strided(
        x, (n, c, oh, ow, kh, kw), (s[0], s[1], s[2] * sh, s[3] * sw, s[2], s[3]), writeable=False)
    y = np.einsum("ncpqij,ocij->nopq", cols, w, optimize=True)
    if b is not None:
        y = y + b.reshape(1, -1, 1, 1)
    return y.astype(np.float32)


class NumpyOnnxModel:
    def __init__(self, path: str):
        self.model = onnx.load(path)
        g = self.model.graph
        self.init = {t.name: numpy_helper.to_array(t) for t in g.initializer}
        self.inputs = [i.name for i in g.input if i.name not in self.init]
        self.outputs = [o.name for o in g.output]

    def run(self, feeds: dict) -> list[np.ndarray]:
        env = dict(self.init)
        env.update(feeds)
        self._run_graph(self.model.graph, env)
        return [env[o] for o in self.outputs]

    def _run_graph(self, graph, env):
        for node in graph.node:
            ins = [env[i] if i else None for i in node.input]
            outs = self._op(node, ins, env)
            for name, val in zip(node.output, outs):
                env[name] = val

    def _op(self, node, x, env):
        t = node.op_type
        a = _attrs(node)
        if t == "Identity":
            return [x[0]]
        if t == "Constant":
            return [numpy_helper.to_array(a["value"])]
        if t == "Conv":
            k = x[1].shape[2:]
            return [_conv(x[0], x[1], x[2] if len(x) > 2 else None, a.get("strides", [1, 1]),
                          a.get("pads", [0, 0, 0, 0]), a.get("dilations", [1, 1]), a.get("group", 1))]
        if t == "Relu":
            return [np.maximum(x[0], 0)]
        if t in ("Add", "Sub", "Mul", "Div", "Equal"):
            f = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Div": np.divide, "Equal": np.equal}[t]
            r = f(x[0], x[1])
            if t == "Div" and np.issubdtype(x[0].dtype, np.integer):
                r = np.floor_divide(x[0], x[1])
            return [r.astype(x[0].dtype) if t != "Equal" else r]
        if t in ("ReduceMean", "ReduceMax"):
            axes = tuple(a["axes"]) if "axes" in a else (tuple(x[1]) if len(x) > 1 and x[1] is not None else None)
            f = np.mean if t == "ReduceMean" else np.max
            return [f(x[0], axis=axes, keepdims=bool(a.get("keepdims", 1))).astype(x[0].dtype)]
        if t == "Concat":
            return [np.concatenate(x, axis=a["axis"])]
        if t == "Gemm":
            A, B = x[0], x[1]
            if a.get("transA", 0):
                A = A.T
            if a.get("transB", 0):
                B = B.T
            y = a.get("alpha", 1.0) * (A @ B)
            if len(x) > 2 and x[2] is not None:
                y = y + a.get("beta", 1.0) * x[2]
            return [y.astype(np.float32)]
        if t == "MatMul":
            return [np.matmul(x[0], x[1])]
        if t == "Gather":
            return [np.take(x[0], x[1], axis=a.get("axis", 0))]
        if t == "GatherElements":
            return [np.take_along_axis(x[0], x[1], axis=a.get("axis", 0))]
        if t == "Shape":
            return [np.array(x[0].shape, dtype=np.int64)]
        if t == "Unsqueeze":
            out = x[0]
            axes = sorted(int(v) % (out.ndim + len(x[1])) for v in x[1])
            for ax in axes:
                out = np.expand_dims(out, ax)
            return [out]
        if t == "Squeeze":
            axes = tuple(int(v) for v in x[1]) if len(x) > 1 and x[1] is not None else None
            return [np.squeeze(x[0], axis=axes)]
        if t == "Reshape":
            shape = [int(v) for v in x[1]]
            shape = [x[0].shape[i] if v == 0 else v for i, v in enumerate(shape)]
            return [x[0].reshape(shape)]
        if t == "Transpose":
            return [np.transpose(x[0], a.get("perm"))]
        if t == "Cast":
            to = (onnx.helper.tensor_dtype_to_np_dtype(a["to"]) if hasattr(onnx.helper, "tensor_dtype_to_np_dtype")
                  else onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[a["to"]])
            return [x[0].astype(to)]
        if t == "LayerNormalization":
            ax = a.get("axis", -1)
            eps = a.get("epsilon", 1e-5)
            axes = tuple(range(ax % x[0].ndim, x[0].ndim))
            mu = x[0].mean(axis=axes, keepdims=True)
            var = ((x[0] - mu) ** 2).mean(axis=axes, keepdims=True)
            y = (x[0] - mu) / np.sqrt(var + eps) * x[1]
            if len(x) > 2 and x[2] is not None:
                y = y + x[2]
            return [y.astype(np.float32)]
        if t == "Split":
            ax = a.get("axis", 0)
            if len(x) > 1 and x[1] is not None:
                idx = np.cumsum(x[1])[:-1]
            else:
                idx = len(node.output)
            return np.split(x[0], idx, axis=ax)
        if t == "Softmax":
            ax = a.get("axis", -1)
            e = np.exp(x[0] - x[0].max(axis=ax, keepdims=True))
            return [(e / e.sum(axis=ax, keepdims=True)).astype(np.float32)]
        if t == "Erf":
            return [erf(x[0]).astype(x[0].dtype)]
        if t == "ArgMax":
            if a.get("select_last_index", 0):
                raise NotImplementedError("ArgMax select_last_index")
            r = np.argmax(x[0], axis=a.get("axis", 0))
            if a.get("keepdims", 1):
                r = np.expand_dims(r, a.get("axis", 0))
            return [r.astype(np.int64)]
        if t == "ConstantOfShape":
            v = numpy_helper.to_array(a["value"]) if "value" in a else np.zeros(1, np.float32)
            return [np.full(tuple(int(s) for s in x[0]), v.reshape(-1)[0], dtype=v.dtype)]
        if t == "Where":
            return [np.where(x[0], x[1], x[2])]
        if t == "Expand":
            shape = np.broadcast_shapes(x[0].shape, tuple(int(s) for s in x[1]))
            return [np.broadcast_to(x[0], shape).copy()]
        if t == "Slice":
            starts, ends = x[1], x[2]
            axes = x[3] if len(x) > 3 and x[3] is not None else range(len(starts))
            steps = x[4] if len(x) > 4 and x[4] is not None else [1] * len(starts)
            sl = [slice(None)] * x[0].ndim
            for s, e, ax, st in zip(starts, ends, axes, steps):
                sl[int(ax)] = slice(int(s), int(e), int(st))
            return [x[0][tuple(sl)]]
        raise NotImplementedError(f"ONNX op {t}")
